//! Text preparation for full-text search across scripts.
//!
//! SQLite's `unicode61` tokenizer splits words on spaces and punctuation, which works for
//! Latin, Cyrillic, Arabic and Korean (written with spaces), but Chinese, Japanese and Thai
//! are written without spaces: a whole sentence would be one token. The `trigram` tokenizer
//! handles those, but finds nothing for queries shorter than three characters — and the most
//! common Chinese and Japanese product words are two (耳机, 手表, 帆布). So, as Lucene's CJK
//! bigram filter does, runs of these scripts are indexed as overlapping bigrams (plus single
//! characters for Han and kana), and queries are split the same way. Everything else stays
//! words, matched by prefix so that `earb` finds `earbuds`.

/// The text to store in the index for `text`.
pub fn index_terms(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for piece in pieces(text) {
        match piece {
            Piece::Word(w) => {
                out.push_str(&w);
                out.push(' ');
            }
            Piece::Run(chars, unigrams) => {
                for token in run_tokens(&chars, unigrams) {
                    out.push_str(&token);
                    out.push(' ');
                }
            }
        }
    }
    out
}

/// The FTS5 `MATCH` expression for a buyer's query: every word must match (AND). `None` when
/// the query has nothing searchable (only punctuation or spaces).
pub fn match_expression(query: &str) -> Option<String> {
    const MAX_TERMS: usize = 16;
    let mut terms: Vec<String> = Vec::new();
    for piece in pieces(query) {
        match piece {
            Piece::Word(w) if w.chars().count() == 1 => terms.push(quote(&w)),
            Piece::Word(w) => terms.push(format!("{}*", quote(&w))),
            Piece::Run(chars, unigrams) => {
                if chars.len() == 1 {
                    let c = chars[0].to_string();
                    // A lone Thai letter is not a word; match bigrams that start with it.
                    terms.push(if unigrams {
                        quote(&c)
                    } else {
                        format!("{}*", quote(&c))
                    });
                } else {
                    terms.extend(bigrams(&chars).map(|b| quote(&b)));
                }
            }
        }
    }
    terms.dedup();
    terms.truncate(MAX_TERMS);
    (!terms.is_empty()).then(|| terms.join(" "))
}

/// The same expression with every word matched whole (no prefix `*`), or `None` when it would
/// be the same as [`match_expression`]'s. Relevance puts products that contain the buyer's
/// words whole ("silk") above those that only share a prefix ("silky").
pub fn exact_expression(query: &str) -> Option<String> {
    let prefixed = match_expression(query)?;
    prefixed
        .contains("\"*")
        .then(|| prefixed.replace("\"*", "\""))
}

enum Piece {
    /// A run of letters, digits and marks in a script written with spaces.
    Word(String),
    /// A run of CJK or Thai characters; `true` when single characters are words too (Han, kana).
    Run(Vec<char>, bool),
}

fn pieces(text: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut word = String::new();
    let mut run: Vec<char> = Vec::new();
    let mut run_unigrams = false;
    let flush_word = |word: &mut String, pieces: &mut Vec<Piece>| {
        if !word.is_empty() {
            pieces.push(Piece::Word(std::mem::take(word).to_lowercase()));
        }
    };
    for c in text.chars() {
        match script(c) {
            Script::Spaceless { unigrams } => {
                flush_word(&mut word, &mut pieces);
                if !run.is_empty() && run_unigrams != unigrams {
                    pieces.push(Piece::Run(std::mem::take(&mut run), run_unigrams));
                }
                run_unigrams = unigrams;
                run.push(c);
            }
            Script::Spaced => {
                if !run.is_empty() {
                    pieces.push(Piece::Run(std::mem::take(&mut run), run_unigrams));
                }
                word.push(c);
            }
            Script::Separator => {
                flush_word(&mut word, &mut pieces);
                if !run.is_empty() {
                    pieces.push(Piece::Run(std::mem::take(&mut run), run_unigrams));
                }
            }
        }
    }
    flush_word(&mut word, &mut pieces);
    if !run.is_empty() {
        pieces.push(Piece::Run(run, run_unigrams));
    }
    pieces
}

fn run_tokens(chars: &[char], unigrams: bool) -> Vec<String> {
    let mut tokens: Vec<String> = Vec::new();
    if unigrams || chars.len() == 1 {
        tokens.extend(chars.iter().map(|c| c.to_string()));
    }
    tokens.extend(bigrams(chars));
    tokens
}

fn bigrams(chars: &[char]) -> impl Iterator<Item = String> + '_ {
    chars.windows(2).map(|w| w.iter().collect())
}

fn quote(term: &str) -> String {
    format!("\"{}\"", term.replace('"', "\"\""))
}

enum Script {
    Spaceless { unigrams: bool },
    Spaced,
    Separator,
}

fn script(c: char) -> Script {
    match u32::from(c) {
        // Han (CJK unified ideographs and extension A, compatibility), hiragana, katakana.
        0x3040..=0x30FF
        | 0x31F0..=0x31FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0xFF66..=0xFF9F
        | 0x20000..=0x2FFFF => Script::Spaceless { unigrams: true },
        // Thai, Lao, Myanmar, Khmer: alphabets written without spaces between words.
        0x0E00..=0x0EFF | 0x1000..=0x109F | 0x1780..=0x17FF => {
            Script::Spaceless { unigrams: false }
        }
        _ if c.is_alphanumeric() => Script::Spaced,
        // Combining marks belong to the word they follow (Arabic harakat, Devanagari signs).
        0x0300..=0x036F | 0x064B..=0x065F | 0x0670 => Script::Spaced,
        _ => Script::Separator,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_words_are_kept_and_matched_by_prefix() {
        assert_eq!(
            index_terms("Wireless earbuds, 65W"),
            "wireless earbuds 65w "
        );
        assert_eq!(match_expression("Earb").as_deref(), Some("\"earb\"*"));
        assert_eq!(
            match_expression("usb-c charger").as_deref(),
            Some("\"usb\"* \"c\" \"charger\"*")
        );
    }

    #[test]
    fn chinese_is_indexed_as_characters_and_bigrams() {
        assert_eq!(index_terms("蓝牙耳机"), "蓝 牙 耳 机 蓝牙 牙耳 耳机 ");
        assert_eq!(match_expression("耳机").as_deref(), Some("\"耳机\""));
        assert_eq!(match_expression("包").as_deref(), Some("\"包\""));
        assert_eq!(
            match_expression("蓝牙耳机").as_deref(),
            Some("\"蓝牙\" \"牙耳\" \"耳机\"")
        );
    }

    #[test]
    fn thai_is_indexed_as_bigrams_without_single_letters() {
        assert_eq!(index_terms("หูฟัง"), "หู ูฟ ฟั ัง ");
        assert_eq!(
            match_expression("หูฟัง").as_deref(),
            Some("\"หู\" \"ูฟ\" \"ฟั\" \"ัง\"")
        );
    }

    #[test]
    fn mixed_scripts_split_at_the_boundary() {
        assert_eq!(
            index_terms("10000mAh モバイル"),
            "10000mah モ バ イ ル モバ バイ イル "
        );
        assert_eq!(
            match_expression("USB-C 充电器").as_deref(),
            Some("\"usb\"* \"c\" \"充电\" \"电器\"")
        );
    }

    #[test]
    fn cyrillic_arabic_and_korean_are_words() {
        assert_eq!(
            match_expression("Наушники").as_deref(),
            Some("\"наушники\"*")
        );
        assert_eq!(match_expression("سماعات").as_deref(), Some("\"سماعات\"*"));
        assert_eq!(match_expression("이어폰").as_deref(), Some("\"이어폰\"*"));
    }

    #[test]
    fn queries_with_nothing_searchable_give_none_and_quotes_cannot_break_out() {
        assert_eq!(match_expression("  !?… "), None);
        assert_eq!(
            exact_expression("silk scarf").as_deref(),
            Some("\"silk\" \"scarf\"")
        );
        assert_eq!(exact_expression("耳机"), None);
        assert_eq!(
            match_expression("\"x\" OR"),
            Some("\"x\" \"or\"*".to_owned())
        );
    }
}

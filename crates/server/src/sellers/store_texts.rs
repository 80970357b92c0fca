//! A store's own texts in its buyers' languages (issue 17): the tagline, "about", the return
//! policies (the store's and each destination's) and each campaign's headline are
//! machine-translated when the seller publishes, into
//! every store language but the seller's, as product texts are.
//!
//! Translations are asked for before the publication's transaction ([`translate`]), and only
//! for a text whose translation into that language is not already stored for the same
//! original: publishing again without rewriting a text asks the provider for nothing. Inside
//! the transaction ([`apply`]) a translation is kept only when its original is the one being
//! published, and translations of texts that changed or went away are dropped. Buyers' pages
//! read them with [`for_buyer`], which again checks each against the published original: a
//! failed or absent provider leaves the seller's words, marked with its language.

use crate::clock::unix_now;
use crate::state::AppState;
use crate::translate::{Format, TranslateError};
use domain::seller::{MachineStoreTexts, StoreProfile, MAX_HEADLINE_CHARS, MAX_TAGLINE_CHARS};
use domain::Locale;
use sqlx::{Sqlite, SqliteExecutor, Transaction};

/// How many translations are asked for at once.
const AT_ONCE: usize = 8;

/// One translatable text of a store, by the name its translations are stored under.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Source {
    field: String,
    text: String,
    format: Format,
}

/// A translation made for a publication.
#[derive(Debug, Clone)]
pub struct Made {
    field: String,
    locale: Locale,
    source_hash: String,
    text: String,
}

fn hash(text: &str) -> String {
    super::auth::token_hash(text)
}

/// The translatable texts of the seller's `version` ('draft' or 'published'): the profile's
/// texts and every campaign's headline, the empty ones left out.
async fn sources(
    db: &mut sqlx::SqliteConnection,
    seller: i64,
    version: &str,
) -> Result<Vec<Source>, sqlx::Error> {
    let profile = super::store::read_profile(&mut *db, seller, version)
        .await?
        .unwrap_or_default();
    let StoreProfile {
        tagline,
        about,
        return_policy,
        country_returns,
        ..
    } = profile;
    let mut out = vec![
        Source {
            field: "tagline".into(),
            text: tagline,
            format: Format::Text,
        },
        Source {
            field: "about".into(),
            text: about,
            format: Format::Html,
        },
        Source {
            field: "return_policy".into(),
            text: return_policy,
            format: Format::Html,
        },
    ];
    let headlines: Vec<(String, String)> = sqlx::query_as(
        "SELECT id, headline FROM store_campaigns WHERE seller_id = ? AND version = ? \
         ORDER BY position",
    )
    .bind(seller)
    .bind(version)
    .fetch_all(&mut *db)
    .await?;
    out.extend(headlines.into_iter().map(|(id, headline)| Source {
        field: format!("headline:{id}"),
        text: headline,
        format: Format::Text,
    }));
    // Last: the first texts are asked for first, and what the publication's time budget
    // leaves out is asked for at the next one.
    out.extend(country_returns.into_iter().map(|c| Source {
        field: format!("returns:{}", c.country),
        text: c.policy,
        format: Format::Html,
    }));
    // Rich text as buyers get it (`storefront` sanitizes what it sends): the provider is sent
    // that, and the translation is keyed on it.
    for source in &mut out {
        if source.format == Format::Html {
            source.text = crate::products::sanitize::sanitize_description(&source.text);
        }
    }
    out.retain(|s| !s.text.trim().is_empty());
    Ok(out)
}

/// The seller's language, as a store locale (`None`: a language the store does not speak,
/// whose texts no provider is asked to translate).
async fn seller_locale(
    db: impl SqliteExecutor<'_>,
    seller: i64,
) -> Result<Option<Locale>, sqlx::Error> {
    let (language,): (String,) = sqlx::query_as("SELECT language FROM sellers WHERE id = ?")
        .bind(seller)
        .fetch_one(db)
        .await?;
    Ok(Locale::from_tag(&language))
}

/// Translates the texts about to be published that the store holds no translation of yet into
/// every language but the seller's; before the publication's transaction. A language the
/// provider fails, or has not answered within [`crate::translate::PUBLICATION_BUDGET`], is
/// left out (the buyer reads the original) and asked for again at the next publication.
pub async fn translate(state: &AppState, seller: i64) -> Result<Vec<Made>, sqlx::Error> {
    use futures_util::StreamExt;
    let Some(from) = seller_locale(&state.db, seller).await? else {
        return Ok(Vec::new());
    };
    // What this publication puts before buyers: the draft, or the published store as it is
    // (one published before a provider was configured gets its translations now).
    let has_draft: Option<(i64,)> =
        sqlx::query_as("SELECT 1 FROM store_profiles WHERE seller_id = ? AND version = 'draft'")
            .bind(seller)
            .fetch_optional(&state.db)
            .await?;
    let version = if has_draft.is_some() {
        "draft"
    } else {
        "published"
    };
    let held: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT field, locale, source_hash FROM store_text_translations WHERE seller_id = ?",
    )
    .bind(seller)
    .fetch_all(&state.db)
    .await?;
    let mut jobs = Vec::new();
    let mut conn = state.db.acquire().await?;
    let texts = sources(&mut conn, seller, version).await?;
    drop(conn);
    for source in texts {
        let source_hash = hash(&source.text);
        for to in Locale::ALL {
            let done = held
                .iter()
                .any(|(f, l, h)| *f == source.field && l == to.tag() && *h == source_hash);
            if to != from && !done {
                jobs.push((source.clone(), source_hash.clone(), to));
            }
        }
    }
    let translator = state.translator.clone();
    let translator = &*translator;
    let made: Vec<Option<Made>> = futures_util::stream::iter(jobs)
        .map(|(source, source_hash, to)| async move {
            match translator
                .translate(&source.text, from, to, source.format)
                .await
            {
                Ok(text) => cleaned(&source, &text).map(|text| Made {
                    field: source.field,
                    locale: to,
                    source_hash,
                    text,
                }),
                Err(e) => {
                    if e != TranslateError::NotConfigured {
                        tracing::warn!(target: "sellers", provider = translator.name(),
                            field = %source.field, from = from.tag(), to = to.tag(), error = %e,
                            "no machine translation of a store text; buyers read the original");
                    }
                    None
                }
            }
        })
        .buffer_unordered(AT_ONCE)
        .take_until(tokio::time::sleep(crate::translate::PUBLICATION_BUDGET))
        .collect()
        .await;
    Ok(made.into_iter().flatten().collect())
}

/// A provider's text as the field's kind of text: one line no longer than the seller's may be
/// for a tagline or headline, sanitized HTML for the others; `None` when nothing is left.
fn cleaned(source: &Source, text: &str) -> Option<String> {
    let out = match source.format {
        Format::Html => crate::products::sanitize::sanitize_description(text),
        Format::Text => {
            let max = if source.field == "tagline" {
                MAX_TAGLINE_CHARS
            } else {
                MAX_HEADLINE_CHARS
            };
            let line: String = text
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            line.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .chars()
                .take(max)
                .collect()
        }
    };
    (!out.trim().is_empty()).then_some(out)
}

/// Inside the publication's transaction, once the draft is published: drops translations of
/// texts that changed or went away, and stores those made for the texts now published.
pub async fn apply(
    tx: &mut Transaction<'_, Sqlite>,
    seller: i64,
    made: &[Made],
) -> Result<(), sqlx::Error> {
    let published = sources(tx, seller, "published").await?;
    let current: Vec<(String, String)> = published
        .iter()
        .map(|s| (s.field.clone(), hash(&s.text)))
        .collect();
    let held: Vec<(String, String)> = sqlx::query_as(
        "SELECT DISTINCT field, source_hash FROM store_text_translations WHERE seller_id = ?",
    )
    .bind(seller)
    .fetch_all(&mut **tx)
    .await?;
    for (field, source_hash) in held {
        if !current.contains(&(field.clone(), source_hash.clone())) {
            sqlx::query(
                "DELETE FROM store_text_translations WHERE seller_id = ? AND field = ? \
                 AND source_hash = ?",
            )
            .bind(seller)
            .bind(&field)
            .bind(&source_hash)
            .execute(&mut **tx)
            .await?;
        }
    }
    let now = unix_now();
    for m in made {
        // The draft may have been saved again while the provider worked: only a translation
        // of what is published now is kept.
        if !current.contains(&(m.field.clone(), m.source_hash.clone())) {
            continue;
        }
        sqlx::query(
            "INSERT INTO store_text_translations (seller_id, field, locale, source_hash, text, \
             made_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (seller_id, field, locale) DO UPDATE \
             SET source_hash = excluded.source_hash, text = excluded.text, \
             made_at = excluded.made_at",
        )
        .bind(seller)
        .bind(&m.field)
        .bind(m.locale.tag())
        .bind(&m.source_hash)
        .bind(&m.text)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// The published texts of `profile` (its return policy the one for `returns_country`, when
/// the seller wrote one for the buyer's destination) and the live campaign `campaign` (its id
/// and headline) as a buyer reading `locale` sees them: the machine's where it translated the text now
/// published, `None` where it did not; `None` in all when the buyer reads the seller's
/// language.
pub async fn for_buyer(
    db: &sqlx::SqlitePool,
    seller: i64,
    seller_language: &str,
    locale: Locale,
    profile: Option<&StoreProfile>,
    returns_country: Option<&str>,
    campaign: Option<(&str, &str)>,
) -> Result<Option<MachineStoreTexts>, sqlx::Error> {
    if locale.tag() == seller_language {
        return Ok(None);
    }
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT field, source_hash, text FROM store_text_translations \
         WHERE seller_id = ? AND locale = ?",
    )
    .bind(seller)
    .bind(locale.tag())
    .fetch_all(db)
    .await?;
    let of = |field: &str, original: &str| {
        rows.iter()
            .find(|(f, h, _)| f == field && *h == hash(original))
            .map(|(_, _, text)| text.clone())
    };
    let empty = StoreProfile::default();
    let p = profile.unwrap_or(&empty);
    let texts = MachineStoreTexts {
        locale: locale.tag().to_owned(),
        tagline: of("tagline", &p.tagline),
        about: of("about", &p.about)
            .map(|html| crate::products::sanitize::sanitize_description(&html)),
        return_policy: of(
            &returns_country.map_or_else(|| "return_policy".to_owned(), |c| format!("returns:{c}")),
            &p.return_policy,
        )
        .map(|html| crate::products::sanitize::sanitize_description(&html)),
        headline: campaign.and_then(|(id, headline)| of(&format!("headline:{id}"), headline)),
    };
    Ok(texts.any().then_some(texts))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(field: &str, format: Format) -> Source {
        Source {
            field: field.into(),
            text: String::new(),
            format,
        }
    }

    #[test]
    fn a_translated_headline_is_one_line_no_longer_than_a_sellers() {
        let long = format!("Ưu đãi\n11.11\t{}", "x".repeat(200));
        let out = cleaned(&source("headline:abc", Format::Text), &long).expect("text");
        assert!(out.starts_with("Ưu đãi 11.11 x"));
        assert_eq!(out.chars().count(), MAX_HEADLINE_CHARS);
        assert_eq!(cleaned(&source("tagline", Format::Text), " \n\t "), None);
    }

    #[test]
    fn translated_html_goes_through_the_stores_sanitizer() {
        let out = cleaned(
            &source("about", Format::Html),
            r#"<p onclick="x()">Hola</p><script>alert(1)</script>"#,
        )
        .expect("text");
        assert!(out.contains("Hola"), "{out}");
        assert!(!out.contains("script") && !out.contains("onclick"), "{out}");
    }
}

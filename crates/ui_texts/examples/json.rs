//! Writes each locale's texts, as the browser receives them, to `DIR/{locale}.json`.
//! `scripts/size-budget.mjs` uses it to count the texts in the first page's transfer size.
//!
//! Usage: `cargo run -p ui_texts --example json -- DIR`

use domain::Locale;

fn main() -> std::io::Result<()> {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/ui-texts".to_owned());
    std::fs::create_dir_all(&dir)?;
    for locale in Locale::ALL {
        let path = std::path::Path::new(&dir).join(format!("{}.json", locale.tag()));
        std::fs::write(path, ui_texts::texts(locale).to_json())?;
    }
    Ok(())
}

-- A seller's product texts waiting for publication (issue 17): one per product and language;
-- publishing the store moves them into product_texts.
CREATE TABLE product_text_drafts (
    product_id       INTEGER NOT NULL REFERENCES products(id),
    locale           TEXT NOT NULL,
    title            TEXT NOT NULL,
    -- As the seller wrote it; sanitized on the way out.
    description_html TEXT NOT NULL,
    updated_at       INTEGER NOT NULL,
    PRIMARY KEY (product_id, locale)
) WITHOUT ROWID;

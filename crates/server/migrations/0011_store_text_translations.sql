-- Machine translations of a store's own texts (issue 17): its tagline, "about", return policy
-- and each campaign's headline, made when the seller publishes. A row is shown only while
-- source_hash is still the SHA-256 of the published original it was made from, so a text the
-- seller rewrote is never shown with an older text's translation.
CREATE TABLE store_text_translations (
    seller_id   INTEGER NOT NULL REFERENCES sellers(id),
    -- 'tagline', 'about', 'return_policy', or 'headline:' followed by the campaign's id.
    field       TEXT NOT NULL,
    locale      TEXT NOT NULL,
    source_hash TEXT NOT NULL,
    text        TEXT NOT NULL,
    made_at     INTEGER NOT NULL,
    PRIMARY KEY (seller_id, field, locale)
) WITHOUT ROWID;

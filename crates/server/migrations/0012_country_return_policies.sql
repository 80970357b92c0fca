-- Return policies for deliveries to particular countries (issue 17), as a draft and as
-- published like the rest of the profile: a buyer shipping to `country` reads `policy_html`
-- in place of the store's own return policy.
CREATE TABLE store_country_returns (
    seller_id   INTEGER NOT NULL REFERENCES sellers(id),
    version     TEXT NOT NULL CHECK (version IN ('draft', 'published')),
    country     TEXT NOT NULL,
    position    INTEGER NOT NULL,
    policy_html TEXT NOT NULL,
    PRIMARY KEY (seller_id, version, country)
) WITHOUT ROWID;
-- Their machine translations are rows of store_text_translations (0011) whose field is
-- 'returns:' followed by the country's code.

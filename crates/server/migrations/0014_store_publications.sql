-- The store's last publications (issue 18): what each put before buyers, as one JSON
-- document of the published rows (profile, per-country return policies, featured products,
-- campaigns and their products; `sellers::history`), so the seller can bring one back.
-- The last ten are kept per store.
CREATE TABLE store_publications (
    seller_id     INTEGER NOT NULL REFERENCES sellers(id),
    number        INTEGER NOT NULL,            -- 1, 2, … per store
    published_at  INTEGER NOT NULL,            -- Unix seconds
    restored_from INTEGER,                     -- the publication a restore brought back
    snapshot      TEXT NOT NULL,
    PRIMARY KEY (seller_id, number)
);

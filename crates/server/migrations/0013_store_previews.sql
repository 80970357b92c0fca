-- Previews of a seller's draft (issue 18).
--
-- A share link opens the store's draft without an account until it expires (at most 14
-- days) or its seller withdraws it. The link's token is signed with the server's preview
-- secret (HMAC-SHA256 over the link's id, its seller and its expiry); this row is what makes
-- it revocable and says which market, if one, it shows.
CREATE TABLE preview_links (
    id          TEXT PRIMARY KEY,          -- 128-bit random, hex
    seller_id   INTEGER NOT NULL REFERENCES sellers(id),
    created_at  INTEGER NOT NULL,          -- Unix seconds
    expires_at  INTEGER NOT NULL,
    revoked_at  INTEGER,
    -- The one market the link shows, all three or none.
    country     TEXT,
    locale      TEXT,
    currency    TEXT
);
CREATE INDEX preview_links_by_seller ON preview_links (seller_id, created_at);

-- Secrets the server generates on its first start when none is configured (the preview
-- secret when STORE_PREVIEW_SECRET is unset), so every instance on this database and every
-- restart sign alike.
CREATE TABLE server_secrets (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL                    -- hex
) WITHOUT ROWID;

-- Seller accounts (issue 17): one sign-in per seller, its sessions, one-time set-password
-- links, and the store's profile as a draft and as published.

-- The password is an argon2id PHC string; NULL until the seller sets one through a link.
CREATE TABLE seller_accounts (
    seller_id           INTEGER PRIMARY KEY REFERENCES sellers(id),
    -- Lower-cased.
    email               TEXT NOT NULL UNIQUE,
    password_hash       TEXT,
    password_changed_at INTEGER NOT NULL
);
-- Sellers of a store created before accounts existed get an account without a password.
INSERT INTO seller_accounts (seller_id, email, password_hash, password_changed_at)
    SELECT id, slug || '@sellers.example', NULL, 0 FROM sellers;

-- A session is known by the SHA-256 of its cookie's token: the table alone signs nobody in.
CREATE TABLE seller_sessions (
    token_hash   TEXT PRIMARY KEY,
    seller_id    INTEGER NOT NULL REFERENCES sellers(id),
    csrf_token   TEXT NOT NULL,
    -- When the seller signed in: a session ends a week after it, however used.
    signed_in_at INTEGER NOT NULL,
    -- When this token was issued: tokens are replaced every 15 minutes of use.
    issued_at    INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    -- 1 once a newer token replaced this one (it lives on for a minute, for requests in flight).
    replaced     INTEGER NOT NULL DEFAULT 0 CHECK (replaced IN (0, 1))
) WITHOUT ROWID;
CREATE INDEX seller_sessions_by_seller ON seller_sessions (seller_id);
CREATE INDEX seller_sessions_by_expiry ON seller_sessions (expires_at);

CREATE TABLE seller_invites (
    token_hash TEXT PRIMARY KEY,
    seller_id  INTEGER NOT NULL REFERENCES sellers(id),
    expires_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE store_profiles (
    seller_id     INTEGER NOT NULL REFERENCES sellers(id),
    version       TEXT NOT NULL CHECK (version IN ('draft', 'published')),
    tagline       TEXT NOT NULL DEFAULT '',
    about         TEXT NOT NULL DEFAULT '',
    theme_color   TEXT,
    return_policy TEXT NOT NULL DEFAULT '',
    updated_at    INTEGER NOT NULL,
    PRIMARY KEY (seller_id, version)
) WITHOUT ROWID;

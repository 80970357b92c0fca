-- Shipping quotes: what was quoted (the answer as sent), for what (a fingerprint of the lines,
-- destination and currency) and until when (Unix seconds). Accepting one later checks both.
CREATE TABLE shipping_quotes (
    id           TEXT PRIMARY KEY,
    cart_token   TEXT,
    fingerprint  TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    body         TEXT NOT NULL
);

-- Exchange-rate quotes: a rate locked for a buyer until `expires_at` (Unix seconds).
CREATE TABLE fx_quotes (
    id            TEXT PRIMARY KEY,
    from_currency TEXT NOT NULL,
    to_currency   TEXT NOT NULL,
    -- Units of `to` per unit of `from`, spread included, as a decimal string.
    rate          TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL
);

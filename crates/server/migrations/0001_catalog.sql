-- The first catalog: sellers and the products they list. Prices are integer minor units in
-- the seller's currency, so no floating point ever touches money in storage.
CREATE TABLE sellers (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL,
    country   TEXT NOT NULL CHECK (length(country) = 2),
    currency  TEXT NOT NULL CHECK (length(currency) = 3)
);

CREATE TABLE products (
    id           INTEGER PRIMARY KEY,
    slug         TEXT NOT NULL UNIQUE,
    seller_id    INTEGER NOT NULL REFERENCES sellers(id),
    title        TEXT NOT NULL,
    price_minor  INTEGER NOT NULL CHECK (price_minor >= 0),
    currency     TEXT NOT NULL CHECK (length(currency) = 3),
    -- Drives the generated product image (see media.rs): a hue in degrees and a glyph index.
    image_hue    INTEGER NOT NULL CHECK (image_hue BETWEEN 0 AND 359),
    image_glyph  INTEGER NOT NULL CHECK (image_glyph >= 0),
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE INDEX products_seller ON products (seller_id);

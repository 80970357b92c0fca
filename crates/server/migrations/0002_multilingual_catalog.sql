-- The multilingual catalog: categories, warehouses, sellers with their language, products with
-- variants and a text per locale, and a full-text index over every locale's text. It replaces
-- the first 60-product seed, which had English titles only; the seeder fills it on start.
DROP TABLE products;
DROP TABLE sellers;

CREATE TABLE categories (
    id        INTEGER PRIMARY KEY,
    slug      TEXT NOT NULL UNIQUE,
    position  INTEGER NOT NULL
);

CREATE TABLE category_names (
    category_id  INTEGER NOT NULL REFERENCES categories(id),
    locale       TEXT NOT NULL,
    name         TEXT NOT NULL,
    PRIMARY KEY (category_id, locale)
) WITHOUT ROWID;

CREATE TABLE warehouses (
    id        INTEGER PRIMARY KEY,
    code      TEXT NOT NULL UNIQUE,
    country   TEXT NOT NULL CHECK (length(country) = 2),
    overseas  INTEGER NOT NULL CHECK (overseas IN (0, 1))
);

CREATE TABLE warehouse_names (
    warehouse_id  INTEGER NOT NULL REFERENCES warehouses(id),
    locale        TEXT NOT NULL,
    city          TEXT NOT NULL,
    PRIMARY KEY (warehouse_id, locale)
) WITHOUT ROWID;

CREATE TABLE sellers (
    id             INTEGER PRIMARY KEY,
    slug           TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    country        TEXT NOT NULL CHECK (length(country) = 2),
    currency       TEXT NOT NULL CHECK (length(currency) = 3),
    -- The locale the seller writes product texts in.
    language       TEXT NOT NULL,
    rating_tenths  INTEGER NOT NULL CHECK (rating_tenths BETWEEN 0 AND 50),
    order_count    INTEGER NOT NULL CHECK (order_count >= 0),
    verified       INTEGER NOT NULL CHECK (verified IN (0, 1))
);

CREATE TABLE products (
    id               INTEGER PRIMARY KEY,
    slug             TEXT NOT NULL UNIQUE,
    seller_id        INTEGER NOT NULL REFERENCES sellers(id),
    category_id      INTEGER NOT NULL REFERENCES categories(id),
    brand            TEXT NOT NULL,
    model            TEXT NOT NULL,
    currency         TEXT NOT NULL CHECK (length(currency) = 3),
    -- Lowest variant price, minor units of `currency`.
    price_minor      INTEGER NOT NULL CHECK (price_minor >= 0),
    -- Ordering key for price sort and filters across currencies; never displayed.
    price_usd_cents  INTEGER NOT NULL CHECK (price_usd_cents >= 0),
    -- Bits: 1 fragile, 2 lithium battery, 4 liquid, 8 magnet.
    handling         INTEGER NOT NULL CHECK (handling BETWEEN 0 AND 15),
    rating_tenths    INTEGER NOT NULL CHECK (rating_tenths BETWEEN 0 AND 50),
    review_count     INTEGER NOT NULL CHECK (review_count >= 0),
    sold_count       INTEGER NOT NULL CHECK (sold_count >= 0),
    original_locale  TEXT NOT NULL,
    image_hue        INTEGER NOT NULL CHECK (image_hue BETWEEN 0 AND 359),
    image_glyph      INTEGER NOT NULL CHECK (image_glyph >= 0),
    listed_at        TEXT NOT NULL
);

CREATE INDEX products_category ON products (category_id);
CREATE INDEX products_seller ON products (seller_id);
CREATE INDEX products_sold ON products (sold_count DESC, id);
CREATE INDEX products_price ON products (price_usd_cents, id);
CREATE INDEX products_listed ON products (listed_at DESC, id);

CREATE TABLE product_texts (
    product_id        INTEGER NOT NULL REFERENCES products(id),
    locale            TEXT NOT NULL,
    title             TEXT NOT NULL,
    -- As the seller supplied it; sanitized on the way out.
    description_html  TEXT NOT NULL,
    provenance        TEXT NOT NULL CHECK (provenance IN ('original', 'human', 'machine')),
    PRIMARY KEY (product_id, locale)
) WITHOUT ROWID;

CREATE TABLE product_warehouses (
    product_id    INTEGER NOT NULL REFERENCES products(id),
    warehouse_id  INTEGER NOT NULL REFERENCES warehouses(id),
    position      INTEGER NOT NULL,
    PRIMARY KEY (product_id, warehouse_id)
) WITHOUT ROWID;

CREATE INDEX product_warehouses_by_warehouse ON product_warehouses (warehouse_id, product_id);

CREATE TABLE variants (
    id           INTEGER PRIMARY KEY,
    product_id   INTEGER NOT NULL REFERENCES products(id),
    position     INTEGER NOT NULL,
    sku          TEXT NOT NULL UNIQUE,
    colour       TEXT,
    size         TEXT,
    price_minor  INTEGER NOT NULL CHECK (price_minor >= 0),
    stock        INTEGER NOT NULL CHECK (stock >= 0),
    weight_g     INTEGER NOT NULL CHECK (weight_g > 0),
    length_mm    INTEGER NOT NULL CHECK (length_mm > 0),
    width_mm     INTEGER NOT NULL CHECK (width_mm > 0),
    height_mm    INTEGER NOT NULL CHECK (height_mm > 0)
);

CREATE INDEX variants_product ON variants (product_id, position);

-- One row per product (rowid = product id) holding every locale's searchable text, already
-- split by `search_text::index_terms` (CJK and Thai into overlapping bigrams). Contentless:
-- the text lives in product_texts; this holds only the index. (`detail = column` was
-- measured: 3 % smaller, no faster at 100,000 products, and it forbids phrase queries.)
CREATE VIRTUAL TABLE product_search USING fts5(
    terms,
    content = '',
    prefix = '2 3',
    tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co M*'"
);

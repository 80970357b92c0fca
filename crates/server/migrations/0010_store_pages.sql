-- Store pages (issue 17): the profile's logo and banner, featured products and seasonal
-- campaigns, each as a draft and as published, and the pictures sellers upload.
--
-- A store has a draft once its seller saves anything: the draft row of store_profiles, made
-- with copies of every published part, so that the draft is always a whole store.

ALTER TABLE store_profiles ADD COLUMN logo TEXT;
ALTER TABLE store_profiles ADD COLUMN banner TEXT;

CREATE TABLE store_featured (
    seller_id  INTEGER NOT NULL REFERENCES sellers(id),
    version    TEXT NOT NULL CHECK (version IN ('draft', 'published')),
    position   INTEGER NOT NULL,
    product_id INTEGER NOT NULL REFERENCES products(id),
    PRIMARY KEY (seller_id, version, position)
) WITHOUT ROWID;

-- Starts and ends as the seller wrote them (wall-clock times in time_zone) and as instants
-- (Unix seconds, UTC), which buyers' pages compare with the clock. discount_percent is for
-- campaign discounts (a later issue): NULL, none.
CREATE TABLE store_campaigns (
    seller_id        INTEGER NOT NULL REFERENCES sellers(id),
    version          TEXT NOT NULL CHECK (version IN ('draft', 'published')),
    id               TEXT NOT NULL,
    position         INTEGER NOT NULL,
    headline         TEXT NOT NULL,
    starts_local     TEXT NOT NULL,
    ends_local       TEXT NOT NULL,
    time_zone        TEXT NOT NULL,
    starts_at        INTEGER NOT NULL,
    ends_at          INTEGER NOT NULL CHECK (ends_at > starts_at),
    banner           TEXT,
    discount_percent INTEGER CHECK (discount_percent BETWEEN 1 AND 90),
    PRIMARY KEY (seller_id, version, id)
) WITHOUT ROWID;
CREATE INDEX store_campaigns_live ON store_campaigns (seller_id, version, starts_at, ends_at);

CREATE TABLE store_campaign_products (
    seller_id   INTEGER NOT NULL REFERENCES sellers(id),
    version     TEXT NOT NULL CHECK (version IN ('draft', 'published')),
    campaign_id TEXT NOT NULL,
    position    INTEGER NOT NULL,
    product_id  INTEGER NOT NULL REFERENCES products(id),
    PRIMARY KEY (seller_id, version, campaign_id, position)
) WITHOUT ROWID;

-- An uploaded picture, re-encoded: served at /media/u/{key}; the bytes live in the media
-- store (data/media by default), these rows say whose they are and what they are.
CREATE TABLE uploads (
    key         TEXT PRIMARY KEY,
    seller_id   INTEGER NOT NULL REFERENCES sellers(id),
    kind        TEXT NOT NULL CHECK (kind IN ('logo', 'banner')),
    content_type TEXT NOT NULL,
    width       INTEGER NOT NULL,
    height      INTEGER NOT NULL,
    bytes       INTEGER NOT NULL,
    created_at  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX uploads_by_seller ON uploads (seller_id, created_at);

//! The route table: every way a parcel can go from a warehouse to a destination country, with
//! its tariff, limits, handling rules and transit times.
//!
//! The table is generated (deterministically) from the warehouses and the destinations the
//! store serves, by [`RouteTable::generate`] — the "script" that makes the seeded routes. The
//! tariffs are synthetic but shaped like real ones: postal services priced per 100 g and
//! limited to 2 kg, ePacket per 10 g plus a parcel fee, dedicated special lines and express
//! couriers per 500 g with a volumetric divisor, economy air in weight brackets, and local
//! delivery from overseas warehouses. Carrier names other than the national posts are
//! invented. Each tariff is published in the carrier's currency.

use domain::shipping::DESTINATIONS;
use domain::Currency;
use rust_decimal::Decimal;
use std::collections::HashMap;

pub use domain::shipping::Service;

/// Handling a parcel may need. Bits as in the catalog: 1, 2, 4, 8.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Flag {
    Fragile,
    LithiumBattery,
    Liquid,
    Magnet,
}

impl Flag {
    pub const ALL: [Flag; 4] = [
        Flag::Fragile,
        Flag::LithiumBattery,
        Flag::Liquid,
        Flag::Magnet,
    ];

    pub fn bit(self) -> u8 {
        1 << self as u8
    }

    /// The restriction a route refusing this flag reports (also the code surcharges are
    /// reported with).
    pub fn restriction(self) -> domain::shipping::Restriction {
        use domain::shipping::Restriction;
        match self {
            Flag::Fragile => Restriction::Fragile,
            Flag::LithiumBattery => Restriction::LithiumBattery,
            Flag::Liquid => Restriction::Liquid,
            Flag::Magnet => Restriction::Magnet,
        }
    }

    /// The stable code reasons and surcharges are reported with.
    pub fn code(self) -> &'static str {
        self.restriction().code()
    }
}

/// What a route does with a parcel carrying a flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Policy {
    Accept,
    Refuse,
    /// Accepted for this surcharge per parcel, in minor units of the route's currency.
    Surcharge(i64),
}

/// A tariff in minor units of the route's currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pricing {
    /// `fee + first` for the first `first_g` grams, then `per_step` for each further
    /// `step_g` grams or part of it.
    Steps {
        fee: i64,
        first_g: u32,
        first: i64,
        step_g: u32,
        per_step: i64,
    },
    /// `(up to grams, price)`, ascending: the first bracket holding the weight.
    Brackets(Vec<(u32, i64)>),
}

impl Pricing {
    /// The weight a parcel is charged for: rounded up to the tariff's step or bracket.
    /// `None` when no bracket holds it.
    pub fn round_up(&self, grams: u32) -> Option<u32> {
        match self {
            Pricing::Steps {
                first_g, step_g, ..
            } => {
                if grams <= *first_g {
                    Some(*first_g)
                } else {
                    let steps = (grams - first_g).div_ceil(*step_g);
                    Some(first_g + steps * step_g)
                }
            }
            Pricing::Brackets(brackets) => brackets
                .iter()
                .find(|(up_to, _)| grams <= *up_to)
                .map(|(up_to, _)| *up_to),
        }
    }

    /// The price of a parcel of `grams` chargeable weight (already rounded or not).
    pub fn price(&self, grams: u32) -> Option<i64> {
        match self {
            Pricing::Steps {
                fee,
                first_g,
                first,
                step_g,
                per_step,
            } => {
                let steps = grams.saturating_sub(*first_g).div_ceil(*step_g);
                Some(fee + first + i64::from(steps) * per_step)
            }
            Pricing::Brackets(brackets) => brackets
                .iter()
                .find(|(up_to, _)| grams <= *up_to)
                .map(|(_, price)| *price),
        }
    }
}

/// One way from a warehouse to a destination country.
#[derive(Debug, Clone)]
pub struct Route {
    /// Stable id: `CN-SZX-US-EXP1`.
    pub id: String,
    pub carrier: &'static str,
    pub service: Service,
    /// Warehouse code (`CN-SZX`) and its country.
    pub origin: &'static str,
    pub origin_country: &'static str,
    pub destination: &'static str,
    /// The currency the tariff is published in.
    pub currency: Currency,
    pub pricing: Pricing,
    /// Volumetric weight = L × W × H (cm) / divisor kg; `None`: actual weight only.
    pub volumetric_divisor: Option<u32>,
    pub max_weight_g: u32,
    /// Longest side a parcel may have.
    pub max_side_cm: u32,
    /// Policy per flag, in [`Flag::ALL`] order.
    pub handling: [Policy; 4],
    /// Business days before the parcel leaves the warehouse.
    pub handling_days: u8,
    /// Business days in transit, fastest and slowest.
    pub transit_days: (u8, u8),
    pub tracked: bool,
    /// Delivered duty paid: duties and import taxes are collected at checkout.
    pub ddp: bool,
    /// Postal-code prefixes the route does not deliver to (remote areas).
    pub excluded_postcodes: &'static [&'static str],
}

impl Route {
    pub fn policy(&self, flag: Flag) -> Policy {
        self.handling[flag as usize]
    }

    /// Chargeable weight: the larger of actual and volumetric weight, rounded up to the
    /// tariff's step or bracket. `volume_cm3` is the parcel's volume.
    pub fn chargeable_g(&self, actual_g: u32, volume_cm3: u64) -> Option<u32> {
        let volumetric = self
            .volumetric_divisor
            .map_or(0, |d| (volume_cm3 * 1000).div_ceil(u64::from(d)));
        let weight = u64::from(actual_g).max(volumetric);
        self.pricing.round_up(u32::try_from(weight).ok()?)
    }

    /// Whether the route delivers to this postal code (remote-area exclusions).
    pub fn serves(&self, postal_code: Option<&str>) -> bool {
        let Some(code) = postal_code else { return true };
        let code: String = code
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        !self
            .excluded_postcodes
            .iter()
            .any(|prefix| code.starts_with(prefix))
    }
}

/// A warehouse routes start from.
#[derive(Debug, Clone, Copy)]
pub struct Origin {
    pub code: &'static str,
    pub country: &'static str,
    /// An overseas warehouse holds stock near buyers and delivers locally.
    pub overseas: bool,
}

/// Every route, indexed by lane (origin warehouse, destination country).
#[derive(Debug)]
pub struct RouteTable {
    routes: Vec<Route>,
    /// origin → destination → route indexes.
    lanes: HashMap<&'static str, HashMap<&'static str, Vec<usize>>>,
    by_id: HashMap<String, usize>,
}

impl RouteTable {
    pub fn new(routes: Vec<Route>) -> RouteTable {
        let mut lanes: HashMap<&'static str, HashMap<&'static str, Vec<usize>>> = HashMap::new();
        let mut by_id = HashMap::new();
        for (i, r) in routes.iter().enumerate() {
            lanes
                .entry(r.origin)
                .or_default()
                .entry(r.destination)
                .or_default()
                .push(i);
            by_id.insert(r.id.clone(), i);
        }
        RouteTable {
            routes,
            lanes,
            by_id,
        }
    }

    pub fn len(&self) -> usize {
        self.routes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.routes.is_empty()
    }

    pub fn all(&self) -> &[Route] {
        &self.routes
    }

    pub fn route(&self, index: usize) -> &Route {
        &self.routes[index]
    }

    pub fn by_id(&self, id: &str) -> Option<&Route> {
        self.by_id.get(id).map(|&i| &self.routes[i])
    }

    /// Indexes of the routes from `origin` to `destination`.
    pub fn lane(&self, origin: &str, destination: &str) -> &[usize] {
        self.lanes
            .get(origin)
            .and_then(|d| d.get(destination))
            .map_or(&[], |v| v.as_slice())
    }

    /// Generates the store's routes from its warehouses to every destination it serves.
    pub fn generate(origins: &[Origin]) -> RouteTable {
        let mut routes = Vec::new();
        for origin in origins {
            for &dest in DESTINATIONS.iter() {
                lane_routes(origin, dest, &mut routes);
            }
        }
        RouteTable::new(routes)
    }
}

/// World regions for transit zones.
fn region(country: &str) -> u8 {
    match country {
        "CN" | "JP" | "KR" => 0,
        "VN" | "TH" | "MY" | "SG" | "ID" | "PH" => 1,
        "AU" | "NZ" => 2,
        "DE" | "FR" | "ES" | "IT" | "GB" | "TR" => 3,
        "US" | "CA" | "MX" => 4,
        "CL" | "PE" | "BR" => 5,
        _ => 6, // AE, SA
    }
}

/// 1 within a region, 2 between neighbouring regions, 3 across the world.
pub fn zone(from: &str, to: &str) -> u32 {
    let (a, b) = (region(from), region(to));
    let (a, b) = (a.min(b), a.max(b));
    match (a, b) {
        _ if a == b => 1,
        (0, 1) | (1, 2) | (0, 2) | (3, 6) | (4, 5) | (1, 6) => 2,
        _ => 3,
    }
}

/// The currency a country's carriers publish tariffs in, and units of it per US dollar —
/// used only to turn the generator's dollar tariffs into round local tariffs.
fn tariff_currency(country: &str) -> (Currency, Decimal) {
    let (currency, per_usd_thousandths) = match country {
        "CN" => (Currency::CNY, 7_100),
        "VN" => (Currency::VND, 25_000_000),
        "TR" => (Currency::TRY, 34_000),
        "ID" => (Currency::IDR, 16_000_000),
        "MY" => (Currency::MYR, 4_500),
        "TH" => (Currency::THB, 35_000),
        "CL" => (Currency::CLP, 930_000),
        "PE" => (Currency::PEN, 3_750),
        "KR" => (Currency::KRW, 1_380_000),
        "GB" => (Currency::GBP, 780),
        "DE" | "FR" | "ES" | "IT" => (Currency::EUR, 920),
        "AU" => (Currency::AUD, 1_500),
        "BR" => (Currency::BRL, 5_400),
        _ => (Currency::USD, 1_000),
    };
    (currency, Decimal::new(per_usd_thousandths, 3))
}

fn national_post(country: &str) -> &'static str {
    match country {
        "CN" => "China Post",
        "VN" => "Vietnam Post",
        "TR" => "PTT",
        "ID" => "Pos Indonesia",
        "MY" => "Pos Malaysia",
        "TH" => "Thailand Post",
        "CL" => "Correos de Chile",
        "PE" => "Serpost",
        "KR" => "Korea Post",
        "US" => "USPS",
        "GB" => "Royal Mail",
        "DE" => "Deutsche Post",
        "AU" => "Australia Post",
        "BR" => "Correios",
        _ => "National Post",
    }
}

/// Destinations with dedicated special lines, and those where a DDP line runs too.
const SPECIAL_LINES: [&str; 16] = [
    "AU", "BR", "CA", "CL", "DE", "ES", "FR", "GB", "IT", "JP", "KR", "MX", "SA", "AE", "US", "SG",
];
const DDP_LINES: [&str; 6] = ["US", "GB", "DE", "FR", "ES", "IT"];
/// Lithium batteries and liquids refused into these destinations by every cross-border route
/// (the carriers' own restrictions, kept simple).
const NO_LITHIUM_INTO: [&str; 3] = ["AU", "NZ", "BR"];
const NO_LIQUID_INTO: [&str; 4] = ["US", "AU", "AE", "SA"];

/// Remote-area postal-code prefixes the consolidated lines do not serve.
fn remote_areas(dest: &str) -> &'static [&'static str] {
    match dest {
        "US" => &["967", "968", "995", "996", "997", "998", "999"],
        "AU" => &["08"],
        "GB" => &["HS", "ZE", "KW15", "KW16", "KW17"],
        "CA" => &["X"],
        _ => &[],
    }
}

/// A small, stable spread (950 … 1050 per mille) per lane and service, so tariffs differ like
/// real ones do without any randomness between runs.
fn jitter(origin: &str, dest: &str, salt: &str) -> u32 {
    let mut h: u32 = 2_166_136_261;
    for b in origin.bytes().chain(dest.bytes()).chain(salt.bytes()) {
        h = (h ^ u32::from(b)).wrapping_mul(16_777_619);
    }
    950 + h % 101
}

struct Tariff {
    currency: Currency,
    per_usd: Decimal,
    /// Per mille.
    factor: u32,
}

impl Tariff {
    fn new(currency: (Currency, Decimal), factor: u32) -> Tariff {
        Tariff {
            currency: currency.0,
            per_usd: currency.1,
            factor,
        }
    }

    /// US cents → minor units of the tariff currency, rounded to a tidy figure (three
    /// significant digits from 1,000 minor units up), as carriers publish them.
    fn minor(&self, usd_cents: u32) -> i64 {
        let minor = Decimal::from(usd_cents) * self.per_usd * Decimal::from(self.factor)
            / Decimal::from(100_000)
            * Decimal::from(10i64.pow(self.currency.exponent()));
        let tidy = if minor >= Decimal::from(1000) {
            minor.round_sf(3).unwrap_or(minor)
        } else {
            minor.round()
        };
        i64::try_from(tidy.round()).unwrap_or(i64::MAX)
    }
}

fn lane_routes(origin: &Origin, dest: &'static str, out: &mut Vec<Route>) {
    use Policy::{Accept, Refuse, Surcharge};
    let domestic = origin.country == dest;
    let eu = |c: &str| matches!(c, "DE" | "FR" | "ES" | "IT");
    let z = zone(origin.country, dest);
    let base = |service: Service,
                n: u8,
                carrier: &'static str,
                currency: Currency,
                pricing: Pricing,
                handling: [Policy; 4]|
     -> Route {
        Route {
            id: format!(
                "{}-{}-{}{}",
                origin.code,
                dest,
                match service {
                    Service::PostalEconomy => "PEC",
                    Service::PostalRegistered => "PRG",
                    Service::EPacket => "EPK",
                    Service::SpecialLine => "SPL",
                    Service::Express => "EXP",
                    Service::EconomyAir => "AIR",
                    Service::Local => "LOC",
                    Service::LocalExpress => "LEX",
                },
                n
            ),
            carrier,
            service,
            origin: origin.code,
            origin_country: origin.country,
            destination: dest,
            currency,
            pricing,
            volumetric_divisor: None,
            max_weight_g: 30_000,
            max_side_cm: 120,
            handling,
            handling_days: 1,
            transit_days: (1, 3),
            tracked: true,
            ddp: false,
            excluded_postcodes: &[],
        }
    };

    // Delivery inside one country, or inside the EU from the German warehouse.
    let local_reach = domestic || (origin.overseas && eu(origin.country) && eu(dest));
    if local_reach {
        let cur = tariff_currency(origin.country);
        let t = Tariff::new(
            cur,
            jitter(origin.code, dest, "loc") * if domestic { 1 } else { 16 }
                / if domestic { 1 } else { 10 },
        );
        let extra = u8::from(!domestic);
        for (service, n, carrier, first, step, transit) in [
            (
                Service::Local,
                1,
                "CityParcel",
                450,
                90,
                (1 + extra, 3 + extra),
            ),
            (
                Service::LocalExpress,
                1,
                "CityParcel Express",
                900,
                150,
                (1, 1 + extra),
            ),
        ] {
            let mut r = base(
                service,
                n,
                carrier,
                cur.0,
                Pricing::Steps {
                    fee: 0,
                    first_g: 500,
                    first: t.minor(first),
                    step_g: 500,
                    per_step: t.minor(step),
                },
                [Surcharge(t.minor(100)), Accept, Accept, Accept],
            );
            r.volumetric_divisor = Some(5000);
            r.max_side_cm = 150;
            r.transit_days = transit;
            out.push(r);
        }
        return;
    }

    let no_lithium = NO_LITHIUM_INTO.contains(&dest);
    let no_liquid = NO_LIQUID_INTO.contains(&dest);
    let zc = z;

    // Overseas warehouses ship abroad by express only.
    // (carrier, price level per mille, delivers duty paid)
    let express_carriers: &[(&'static str, u32, bool)] = if origin.overseas {
        &[("AeroExpress", 1000, false), ("Globex", 1120, true)]
    } else {
        &[
            ("AeroExpress", 1000, false),
            ("Globex", 1120, true),
            ("PacificAir", 930, false),
        ]
    };
    for (n, &(carrier, m, ddp)) in express_carriers.iter().enumerate() {
        let t = Tariff::new(
            (Currency::USD, Decimal::ONE),
            m * jitter(origin.code, dest, carrier) / 1000,
        );
        let mut r = base(
            Service::Express,
            n as u8 + 1,
            carrier,
            Currency::USD,
            Pricing::Steps {
                fee: 0,
                first_g: 500,
                first: t.minor(1800 + 600 * zc),
                step_g: 500,
                per_step: t.minor(400 + 150 * zc),
            },
            [
                Surcharge(t.minor(400)),
                if no_lithium {
                    Refuse
                } else {
                    Surcharge(t.minor(600))
                },
                if no_liquid {
                    Refuse
                } else {
                    Surcharge(t.minor(500))
                },
                Surcharge(t.minor(300)),
            ],
        );
        r.volumetric_divisor = Some(5000);
        r.max_weight_g = 50_000;
        r.max_side_cm = 150;
        r.transit_days = (2 + zc as u8, 3 + 2 * zc as u8);
        r.ddp = ddp;
        out.push(r);
    }
    if origin.overseas {
        return;
    }

    let cur = tariff_currency(origin.country);
    let post = national_post(origin.country);
    let tariff = |salt: &str| Tariff::new(cur, jitter(origin.code, dest, salt));

    // National post: economy (untracked) and registered, 2 kg, no batteries, liquids or magnets.
    for (service, n, fee, transit) in [
        (Service::PostalEconomy, 1, 0, (10 + 4 * zc, 20 + 5 * zc)),
        (Service::PostalRegistered, 1, 250, (8 + 4 * zc, 15 + 5 * zc)),
    ] {
        let t = tariff(service.code());
        let mut r = base(
            service,
            n,
            post,
            cur.0,
            Pricing::Steps {
                fee: t.minor(fee),
                first_g: 100,
                first: t.minor(150 + 60 * zc),
                step_g: 100,
                per_step: t.minor(45 + 25 * zc),
            },
            [Surcharge(t.minor(100)), Refuse, Refuse, Refuse],
        );
        r.max_weight_g = 2_000;
        r.max_side_cm = 60;
        r.handling_days = 2;
        r.transit_days = (transit.0 as u8, transit.1 as u8);
        r.tracked = service == Service::PostalRegistered;
        out.push(r);
    }

    // ePacket from China: tracked, per 10 g plus a parcel fee.
    if origin.country == "CN" {
        let t = tariff("epk");
        let per10 = 9 + 2 * zc;
        let mut r = base(
            Service::EPacket,
            1,
            "China Post ePacket",
            cur.0,
            Pricing::Steps {
                fee: t.minor(280),
                first_g: 50,
                first: t.minor(5 * per10),
                step_g: 10,
                per_step: t.minor(per10).max(1),
            },
            [Accept, Refuse, Refuse, Surcharge(t.minor(50))],
        );
        r.max_weight_g = 2_000;
        r.max_side_cm = 60;
        r.transit_days = ((6 + 3 * zc) as u8, (10 + 4 * zc) as u8);
        out.push(r);
    }

    // Dedicated special lines into single economies (one also delivered duty paid).
    if SPECIAL_LINES.contains(&dest) {
        let lines: &[(&'static str, u32, bool)] = if DDP_LINES.contains(&dest) {
            &[("SwiftLine", 1000, false), ("CargoLink Direct", 1080, true)]
        } else {
            &[("SwiftLine", 1000, false), ("CargoLink", 1040, false)]
        };
        for (n, &(carrier, m, ddp)) in lines.iter().enumerate() {
            let mut t = tariff(carrier);
            t.factor = t.factor * m / 1000;
            let mut r = base(
                Service::SpecialLine,
                n as u8 + 1,
                carrier,
                cur.0,
                Pricing::Steps {
                    fee: 0,
                    first_g: 500,
                    first: t.minor(600 + 150 * zc),
                    step_g: 500,
                    per_step: t.minor(250 + 80 * zc),
                },
                [
                    Surcharge(t.minor(200)),
                    if no_lithium {
                        Refuse
                    } else {
                        Surcharge(t.minor(200))
                    },
                    Refuse,
                    Accept,
                ],
            );
            r.volumetric_divisor = Some(6000);
            r.transit_days = ((4 + 2 * zc) as u8, (8 + 3 * zc) as u8);
            r.ddp = ddp;
            r.excluded_postcodes = remote_areas(dest);
            out.push(r);
        }
    }

    // Economy air freight in brackets, for heavier parcels.
    let t = tariff("air");
    let mut r = base(
        Service::EconomyAir,
        1,
        "Skyway Economy",
        cur.0,
        Pricing::Brackets(vec![
            (1_000, t.minor(1200 + 300 * zc)),
            (2_000, t.minor(1600 + 400 * zc)),
            (5_000, t.minor(2500 + 700 * zc)),
            (10_000, t.minor(4000 + 1200 * zc)),
            (20_000, t.minor(7000 + 2000 * zc)),
        ]),
        [
            Surcharge(t.minor(300)),
            Refuse,
            Refuse,
            Surcharge(t.minor(200)),
        ],
    );
    r.volumetric_divisor = Some(6000);
    r.max_weight_g = 20_000;
    r.handling_days = 2;
    r.transit_days = ((6 + 3 * zc) as u8, (10 + 4 * zc) as u8);
    r.excluded_postcodes = remote_areas(dest);
    out.push(r);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_round_the_weight_up_to_the_next_step() {
        let p = Pricing::Steps {
            fee: 100,
            first_g: 500,
            first: 1000,
            step_g: 500,
            per_step: 300,
        };
        assert_eq!(p.round_up(1), Some(500));
        assert_eq!(p.round_up(500), Some(500));
        assert_eq!(p.round_up(501), Some(1000));
        assert_eq!(p.price(500), Some(1100));
        assert_eq!(p.price(501), Some(1400));
        assert_eq!(p.price(1001), Some(1700));
    }

    #[test]
    fn brackets_charge_the_first_bracket_that_holds_the_weight() {
        let p = Pricing::Brackets(vec![(1000, 500), (2000, 800)]);
        assert_eq!(p.round_up(999), Some(1000));
        assert_eq!(p.price(1000), Some(500));
        assert_eq!(p.price(1001), Some(800));
        assert_eq!(p.price(2001), None);
    }

    #[test]
    fn remote_postal_codes_are_excluded_whatever_their_spacing_or_case() {
        let table = RouteTable::generate(&[Origin {
            code: "CN-SZX",
            country: "CN",
            overseas: false,
        }]);
        let line = table
            .all()
            .iter()
            .find(|r| r.destination == "GB" && r.service == Service::SpecialLine)
            .expect("a special line into GB");
        assert!(!line.serves(Some("hs1 2ab")));
        assert!(line.serves(Some("SW1A 1AA")));
        assert!(line.serves(None));
    }
}

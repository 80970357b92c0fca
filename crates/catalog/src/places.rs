//! Sellers and the warehouses goods ship from.

use crate::phrases::L12;
use domain::{Currency, Locale};

pub struct WarehouseDef {
    /// Stable code: ISO 3166 country + a city code (`CN-SZX`).
    pub code: &'static str,
    pub country: &'static str,
    pub city: L12,
    /// An overseas warehouse holds stock near buyers rather than at the seller's.
    pub overseas: bool,
}

macro_rules! wh {
    ($code:literal, $country:literal, $overseas:literal, $city:expr) => {
        WarehouseDef {
            code: $code,
            country: $country,
            overseas: $overseas,
            city: $city,
        }
    };
}

pub const WAREHOUSES: [WarehouseDef; 18] = [
    wh!(
        "CN-SZX",
        "CN",
        false,
        [
            "Shenzhen",
            "深圳",
            "深セン",
            "선전",
            "เซินเจิ้น",
            "Thâm Quyến",
            "Shenzhen",
            "Shenzhen",
            "Shenzhen",
            "Шэньчжэнь",
            "Shenzhen",
            "شنتشن"
        ]
    ),
    wh!(
        "CN-YIW",
        "CN",
        false,
        [
            "Yiwu",
            "义乌",
            "義烏",
            "이우",
            "อี้อู",
            "Nghĩa Ô",
            "Yiwu",
            "Yiwu",
            "Yiwu",
            "Иу",
            "Yiwu",
            "ييوو"
        ]
    ),
    wh!(
        "CN-CAN",
        "CN",
        false,
        [
            "Guangzhou",
            "广州",
            "広州",
            "광저우",
            "กว่างโจว",
            "Quảng Châu",
            "Guangzhou",
            "Guangzhou",
            "Cantón",
            "Гуанчжоу",
            "Guangzhou",
            "قوانغتشو"
        ]
    ),
    wh!(
        "VN-SGN",
        "VN",
        false,
        [
            "Ho Chi Minh City",
            "胡志明市",
            "ホーチミン市",
            "호찌민시",
            "นครโฮจิมินห์",
            "TP. Hồ Chí Minh",
            "Kota Ho Chi Minh",
            "Bandar Raya Ho Chi Minh",
            "Ciudad Ho Chi Minh",
            "Хошимин",
            "Ho Chi Minh Kenti",
            "مدينة هو تشي منه"
        ]
    ),
    wh!(
        "VN-HAN",
        "VN",
        false,
        [
            "Hanoi",
            "河内",
            "ハノイ",
            "하노이",
            "ฮานอย",
            "Hà Nội",
            "Hanoi",
            "Hanoi",
            "Hanói",
            "Ханой",
            "Hanoi",
            "هانوي"
        ]
    ),
    wh!(
        "TR-IST",
        "TR",
        false,
        [
            "Istanbul",
            "伊斯坦布尔",
            "イスタンブール",
            "이스탄불",
            "อิสตันบูล",
            "Istanbul",
            "Istanbul",
            "Istanbul",
            "Estambul",
            "Стамбул",
            "İstanbul",
            "إسطنبول"
        ]
    ),
    wh!(
        "TR-IZM",
        "TR",
        false,
        [
            "Izmir",
            "伊兹密尔",
            "イズミル",
            "이즈미르",
            "อิซมีร์",
            "Izmir",
            "Izmir",
            "Izmir",
            "Esmirna",
            "Измир",
            "İzmir",
            "إزمير"
        ]
    ),
    wh!(
        "ID-JKT",
        "ID",
        false,
        [
            "Jakarta",
            "雅加达",
            "ジャカルタ",
            "자카르타",
            "จาการ์ตา",
            "Jakarta",
            "Jakarta",
            "Jakarta",
            "Yakarta",
            "Джакарта",
            "Cakarta",
            "جاكرتا"
        ]
    ),
    wh!(
        "MY-KUL",
        "MY",
        false,
        [
            "Kuala Lumpur",
            "吉隆坡",
            "クアラルンプール",
            "쿠알라룸푸르",
            "กัวลาลัมเปอร์",
            "Kuala Lumpur",
            "Kuala Lumpur",
            "Kuala Lumpur",
            "Kuala Lumpur",
            "Куала-Лумпур",
            "Kuala Lumpur",
            "كوالالمبور"
        ]
    ),
    wh!(
        "TH-BKK",
        "TH",
        false,
        [
            "Bangkok",
            "曼谷",
            "バンコク",
            "방콕",
            "กรุงเทพฯ",
            "Băng Cốc",
            "Bangkok",
            "Bangkok",
            "Bangkok",
            "Бангкок",
            "Bangkok",
            "بانكوك"
        ]
    ),
    wh!(
        "CL-SCL",
        "CL",
        false,
        [
            "Santiago",
            "圣地亚哥",
            "サンティアゴ",
            "산티아고",
            "ซานติอาโก",
            "Santiago",
            "Santiago",
            "Santiago",
            "Santiago",
            "Сантьяго",
            "Santiago",
            "سانتياغو"
        ]
    ),
    wh!(
        "PE-LIM",
        "PE",
        false,
        [
            "Lima",
            "利马",
            "リマ",
            "리마",
            "ลิมา",
            "Lima",
            "Lima",
            "Lima",
            "Lima",
            "Лима",
            "Lima",
            "ليما"
        ]
    ),
    wh!(
        "KR-ICN",
        "KR",
        false,
        [
            "Incheon",
            "仁川",
            "仁川",
            "인천",
            "อินชอน",
            "Incheon",
            "Incheon",
            "Incheon",
            "Incheon",
            "Инчхон",
            "İnçon",
            "إنتشون"
        ]
    ),
    wh!(
        "US-LAX",
        "US",
        true,
        [
            "Los Angeles",
            "洛杉矶",
            "ロサンゼルス",
            "로스앤젤레스",
            "ลอสแอนเจลิส",
            "Los Angeles",
            "Los Angeles",
            "Los Angeles",
            "Los Ángeles",
            "Лос-Анджелес",
            "Los Angeles",
            "لوس أنجلوس"
        ]
    ),
    wh!(
        "GB-LON",
        "GB",
        true,
        [
            "London",
            "伦敦",
            "ロンドン",
            "런던",
            "ลอนดอน",
            "Luân Đôn",
            "London",
            "London",
            "Londres",
            "Лондон",
            "Londra",
            "لندن"
        ]
    ),
    wh!(
        "DE-FRA",
        "DE",
        true,
        [
            "Frankfurt",
            "法兰克福",
            "フランクフルト",
            "프랑크푸르트",
            "แฟรงก์เฟิร์ต",
            "Frankfurt",
            "Frankfurt",
            "Frankfurt",
            "Fráncfort",
            "Франкфурт",
            "Frankfurt",
            "فرانكفورت"
        ]
    ),
    wh!(
        "AU-SYD",
        "AU",
        true,
        [
            "Sydney",
            "悉尼",
            "シドニー",
            "시드니",
            "ซิดนีย์",
            "Sydney",
            "Sydney",
            "Sydney",
            "Sídney",
            "Сидней",
            "Sidney",
            "سيدني"
        ]
    ),
    wh!(
        "BR-SAO",
        "BR",
        true,
        [
            "São Paulo",
            "圣保罗",
            "サンパウロ",
            "상파울루",
            "เซาเปาลู",
            "São Paulo",
            "São Paulo",
            "São Paulo",
            "São Paulo",
            "Сан-Паулу",
            "São Paulo",
            "ساو باولو"
        ]
    ),
];

pub struct SellerDef {
    pub slug: &'static str,
    pub name: &'static str,
    /// Three letters that start every SKU of this seller.
    pub code: &'static str,
    pub brand: &'static str,
    pub country: &'static str,
    pub currency: Currency,
    /// The language the seller writes product texts in.
    pub language: Locale,
    /// Index into [`WAREHOUSES`] of the seller's own warehouse.
    pub warehouse: usize,
    /// Indices into `phrases::CATEGORIES`.
    pub categories: &'static [usize],
    pub verified: bool,
    /// Rating out of 5, in tenths (47 = 4.7).
    pub rating_tenths: u8,
    pub order_count: u32,
}

macro_rules! seller {
    ($slug:literal, $name:literal, $code:literal, $brand:literal, $country:literal, $cur:ident, $lang:ident, $wh:literal, $cats:expr, $verified:literal, $rating:literal, $orders:literal) => {
        SellerDef {
            slug: $slug,
            name: $name,
            code: $code,
            brand: $brand,
            country: $country,
            currency: Currency::$cur,
            language: Locale::$lang,
            warehouse: $wh,
            categories: $cats,
            verified: $verified,
            rating_tenths: $rating,
            order_count: $orders,
        }
    };
}

pub const SELLERS: [SellerDef; 27] = [
    seller!(
        "shenzhen-brightway",
        "Shenzhen Brightway Electronics",
        "BRW",
        "Brightway",
        "CN",
        CNY,
        ZhCn,
        0,
        &[0, 1],
        true,
        48,
        48_210
    ),
    seller!(
        "yiwu-little-star",
        "Yiwu Little Star Toys",
        "YLS",
        "LittleStar",
        "CN",
        CNY,
        ZhCn,
        1,
        &[5, 6],
        true,
        46,
        12_904
    ),
    seller!(
        "guangzhou-trend",
        "Guangzhou Trend Apparel",
        "GZT",
        "TrendLine",
        "CN",
        USD,
        En,
        2,
        &[2, 3],
        true,
        45,
        30_211
    ),
    seller!(
        "dongguan-stride",
        "Dongguan Stride Footwear",
        "DGS",
        "Stride",
        "CN",
        CNY,
        ZhCn,
        2,
        &[3, 9],
        false,
        43,
        5_120
    ),
    seller!(
        "hangzhou-silk-road",
        "Hangzhou Silk Road",
        "HSR",
        "SilkRoad",
        "CN",
        CNY,
        ZhCn,
        1,
        &[2, 4],
        true,
        47,
        21_877
    ),
    seller!(
        "shenzhen-volt",
        "Shenzhen Volt Power",
        "SVP",
        "VoltMax",
        "CN",
        USD,
        En,
        0,
        &[0, 1],
        false,
        44,
        9_654
    ),
    seller!(
        "ningbo-homeware",
        "Ningbo Homeware",
        "NBH",
        "Ningjia",
        "CN",
        CNY,
        ZhCn,
        1,
        &[8],
        true,
        45,
        7_733
    ),
    seller!(
        "guangzhou-glow",
        "Guangzhou Glow Cosmetics",
        "GGC",
        "GlowLab",
        "CN",
        CNY,
        ZhCn,
        2,
        &[7],
        false,
        46,
        15_402
    ),
    seller!(
        "saigon-silk-house",
        "Saigon Silk House",
        "SSH",
        "Saigon Silk",
        "VN",
        VND,
        Vi,
        3,
        &[2, 8],
        true,
        48,
        6_318
    ),
    seller!(
        "hanoi-craft-village",
        "Hanoi Craft Village",
        "HCV",
        "HaCraft",
        "VN",
        VND,
        Vi,
        4,
        &[8, 4],
        false,
        45,
        2_207
    ),
    seller!(
        "mekong-kids",
        "Mekong Kids",
        "MKK",
        "MekongKids",
        "VN",
        VND,
        Vi,
        3,
        &[6, 5],
        true,
        47,
        3_980
    ),
    seller!(
        "izmir-cotton",
        "Izmir Cotton Co.",
        "IZC",
        "EgeCotton",
        "TR",
        TRY,
        Tr,
        6,
        &[2, 6],
        true,
        47,
        11_045
    ),
    seller!(
        "istanbul-bazaar-jewels",
        "Istanbul Bazaar Jewels",
        "IBJ",
        "Nazar",
        "TR",
        TRY,
        Tr,
        5,
        &[4],
        true,
        49,
        8_560
    ),
    seller!(
        "anatolia-outdoor",
        "Anatolia Outdoor",
        "ANO",
        "Toros",
        "TR",
        TRY,
        Tr,
        5,
        &[9, 3],
        false,
        44,
        4_311
    ),
    seller!(
        "jakarta-batik-studio",
        "Jakarta Batik Studio",
        "JBS",
        "Parang",
        "ID",
        IDR,
        Id,
        7,
        &[2, 8],
        true,
        46,
        5_893
    ),
    seller!(
        "bandung-tech",
        "Bandung Tech Gadget",
        "BTG",
        "Priangan",
        "ID",
        IDR,
        Id,
        7,
        &[0, 1],
        false,
        42,
        3_127
    ),
    seller!(
        "bali-natural-beauty",
        "Bali Natural Beauty",
        "BNB",
        "Ubud Botanica",
        "ID",
        IDR,
        Id,
        7,
        &[7],
        true,
        48,
        9_002
    ),
    seller!(
        "kl-home-living",
        "Kuala Lumpur Home Living",
        "KLH",
        "Rumahku",
        "MY",
        MYR,
        Ms,
        8,
        &[8],
        true,
        45,
        4_420
    ),
    seller!(
        "penang-sports-hub",
        "Penang Sports Hub",
        "PSH",
        "Pulau",
        "MY",
        MYR,
        Ms,
        8,
        &[9, 5],
        false,
        43,
        1_985
    ),
    seller!(
        "bangkok-beauty-lab",
        "Bangkok Beauty Lab",
        "BBL",
        "Siam Glow",
        "TH",
        THB,
        Th,
        9,
        &[7],
        true,
        47,
        13_760
    ),
    seller!(
        "chiang-mai-craft",
        "Chiang Mai Craft",
        "CMC",
        "Lanna",
        "TH",
        THB,
        Th,
        9,
        &[8, 4],
        true,
        48,
        3_544
    ),
    seller!(
        "bangkok-gadget-center",
        "Bangkok Gadget Center",
        "BGC",
        "Chao",
        "TH",
        THB,
        Th,
        9,
        &[0, 1],
        false,
        41,
        2_861
    ),
    seller!(
        "andes-outdoor",
        "Andes Outdoor Santiago",
        "AOS",
        "Andino",
        "CL",
        CLP,
        Es,
        10,
        &[9, 3],
        true,
        46,
        2_318
    ),
    seller!(
        "valparaiso-kids",
        "Valparaíso Kids",
        "VPK",
        "Puerto",
        "CL",
        CLP,
        Es,
        10,
        &[5, 6],
        false,
        44,
        1_206
    ),
    seller!(
        "lima-alpaca-textiles",
        "Lima Alpaca Textiles",
        "LAT",
        "Vicuña",
        "PE",
        PEN,
        Es,
        11,
        &[2],
        true,
        49,
        2_742
    ),
    seller!(
        "cusco-plata",
        "Cusco Plata",
        "CUP",
        "Inti",
        "PE",
        PEN,
        Es,
        11,
        &[4],
        false,
        45,
        1_530
    ),
    seller!(
        "seoul-skin-studio",
        "Seoul Skin Studio",
        "SSS",
        "Hanbit",
        "KR",
        KRW,
        Ko,
        12,
        &[7, 1],
        true,
        48,
        19_870
    ),
];

//! Address formats of the store's destinations: which fields a local address has, in which
//! order, which are required, what the postal code looks like (with examples), what the
//! administrative area and postal code are called, and the customs identifier an import
//! needs where the destination asks for one.
//!
//! Derived from the facts in Google's libaddressinput data (`fmt`, `require`, `upper`, `zip`,
//! `zipex`, name types), written as the project's own table. Postal-code patterns are regular
//! expressions that work the same in Rust's `regex` and JavaScript, matched against the whole
//! (trimmed, upper-cased) value.

/// A customs identifier the destination requires for imports by individuals.
#[derive(Debug, Clone, Copy)]
pub struct CustomsId {
    /// Stable code: `cpf`, `rut`, `pccc`, `cn_resident_id`.
    pub kind: &'static str,
    pub example: &'static str,
}

/// One country's format.
#[derive(Debug, Clone, Copy)]
pub struct Format {
    pub country: &'static str,
    /// libaddressinput's layout: `%N` name, `%O` organization, `%A` street lines, `%D`
    /// district / neighbourhood, `%C` city, `%S` state / province, `%Z` postal code, `%n` a
    /// new line; other text is literal.
    pub fmt: &'static str,
    /// Fields that must be filled (letters as in `fmt`).
    pub require: &'static str,
    /// Fields written in capitals.
    pub upper: &'static str,
    pub zip: Option<&'static str>,
    /// Example postal codes, comma-separated.
    pub zipex: &'static str,
    /// What the administrative area is called: `state`, `province`, `prefecture`, `region`,
    /// `emirate`, `department`, `do_si`.
    pub state_name: &'static str,
    /// What the postal code is called: `postal` or `zip`.
    pub zip_name: &'static str,
    /// What `%C` is called: `city`, `suburb`, `district`, `post_town`, `commune`.
    pub locality_name: &'static str,
    /// What `%D` is called: `suburb`, `district`, `neighborhood`, `village_township`.
    pub sublocality_name: &'static str,
    /// A national phone number, as an example.
    pub phone_example: &'static str,
    pub customs_id: Option<CustomsId>,
}

const fn f(
    country: &'static str,
    fmt: &'static str,
    require: &'static str,
    zip: Option<&'static str>,
    zipex: &'static str,
    phone_example: &'static str,
) -> Format {
    Format {
        country,
        fmt,
        require,
        upper: "",
        zip,
        zipex,
        state_name: "province",
        zip_name: "postal",
        locality_name: "city",
        sublocality_name: "suburb",
        phone_example,
        customs_id: None,
    }
}

/// Every destination's format, sorted by country.
pub const FORMATS: [Format; 24] = [
    Format {
        state_name: "emirate",
        ..f("AE", "%N%n%O%n%A%n%S", "AS", None, "", "050 123 4567")
    },
    Format {
        upper: "CS",
        state_name: "state",
        locality_name: "suburb",
        ..f("AU", "%O%n%N%n%A%n%C %S %Z", "ACSZ", Some(r"\d{4}"), "2060,3171,6430,4000,4006,3001", "0412 345 678")
    },
    Format {
        upper: "CS",
        state_name: "state",
        sublocality_name: "neighborhood",
        customs_id: Some(CustomsId { kind: "cpf", example: "123.456.789-09" }),
        ..f("BR", "%O%n%N%n%A%n%D%n%C-%S%n%Z", "ASCZ", Some(r"\d{5}-?\d{3}"), "40301-110,70002-900", "(11) 96123-4567")
    },
    Format {
        upper: "ACNOSZ",
        ..f("CA", "%N%n%O%n%A%n%C %S %Z", "ACSZ", Some(r"[ABCEGHJKLMNPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d"), "H3Z 2Y7,V8X 3X4,T0L 1K0,T0H 1A0,K1A 0B1", "506 234 5678")
    },
    Format {
        state_name: "region",
        // libaddressinput says "district"; Chileans write the comuna.
        locality_name: "commune",
        customs_id: Some(CustomsId { kind: "rut", example: "12.345.678-5" }),
        ..f("CL", "%N%n%O%n%A%n%Z %C%n%S", "ACS", Some(r"\d{7}"), "8340457,8720019,1230000,8329100", "9 6123 4567")
    },
    Format {
        sublocality_name: "district",
        customs_id: Some(CustomsId { kind: "cn_resident_id", example: "11010519491231002X" }),
        ..f("CN", "%Z%n%S%C%D%n%A%n%O%n%N", "ACSZ", Some(r"\d{6}"), "266033,317204,100096,100808", "131 2345 6789")
    },
    f("DE", "%N%n%O%n%A%n%Z %C", "ACZ", Some(r"\d{5}"), "26133,53225", "01512 3456789"),
    Format {
        upper: "CS",
        ..f("ES", "%N%n%O%n%A%n%Z %C %S", "ACSZ", Some(r"\d{5}"), "28039,28300,28070", "612 34 56 78")
    },
    Format {
        upper: "CX",
        ..f("FR", "%O%n%N%n%A%n%Z %C", "ACZ", Some(r"\d{2} ?\d{3}"), "33380,34092,33506", "06 12 34 56 78")
    },
    Format {
        upper: "CZ",
        locality_name: "post_town",
        ..f("GB", "%N%n%O%n%A%n%C%n%Z", "ACZ", Some(r"GIR ?0AA|[A-Z]{1,2}\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2}|BFPO ?\d{1,4}"), "EC1Y 8SY,GIR 0AA,M2 5BQ,M34 4AB,CR0 2YR,DN16 9AA,W1A 4ZZ,EC1A 1HQ,OX14 4PG,BS18 8HF,NR25 7HG,RH6 0NP,BH23 6AA,B6 5BA,SO23 9AP,PO1 3AX,BFPO 61", "07400 123456")
    },
    f("ID", "%N%n%O%n%A%n%C%n%S %Z", "AS", Some(r"\d{5}"), "40115", "0812 345 678"),
    Format {
        upper: "CS",
        ..f("IT", "%N%n%O%n%A%n%Z %C %S", "ACSZ", Some(r"\d{5}"), "00144,47037,39049", "312 345 6789")
    },
    Format {
        upper: "S",
        state_name: "prefecture",
        ..f("JP", "〒%Z%n%S%n%A%n%O%n%N", "ASZ", Some(r"\d{3}-?\d{4}"), "154-0023,350-1106,951-8073,112-0001,208-0032,231-0012", "090-1234-5678")
    },
    Format {
        upper: "Z",
        state_name: "do_si",
        sublocality_name: "district",
        customs_id: Some(CustomsId { kind: "pccc", example: "P123456789012" }),
        ..f("KR", "%S %C%D%n%A%n%O%n%N%n%Z", "ACSZ", Some(r"\d{5}"), "03051", "010-2000-0000")
    },
    Format {
        upper: "CSZ",
        state_name: "state",
        sublocality_name: "neighborhood",
        ..f("MX", "%N%n%O%n%A%n%D%n%Z %C, %S", "ACSZ", Some(r"\d{5}"), "02860,77520,06082", "222 123 4567")
    },
    Format {
        upper: "CS",
        state_name: "state",
        sublocality_name: "village_township",
        ..f("MY", "%N%n%O%n%A%n%D%n%Z %C%n%S", "ACZ", Some(r"\d{5}"), "43000,50754,88990,50670", "012-345 6789")
    },
    f("NZ", "%N%n%O%n%A%n%D%n%C %Z", "ACZ", Some(r"\d{4}"), "6001,6015,6332,8252,1030", "021 123 4567"),
    Format {
        state_name: "department",
        locality_name: "district",
        ..f("PE", "%N%n%O%n%A%n%C %Z%n%S", "ACS", Some(r"(?:LIMA \d{1,2}|CALLAO 0?\d)|[0-2]\d{4}"), "LIMA 23,LIMA 42,CALLAO 2,02001", "912 345 678")
    },
    Format {
        sublocality_name: "district",
        ..f("PH", "%N%n%O%n%A%n%D, %C%n%Z %S", "AC", Some(r"\d{4}"), "1008,1050,1135,1207,2000,1000", "0905 123 4567")
    },
    f("SA", "%N%n%O%n%A%n%C %Z", "AC", Some(r"\d{5}"), "11564,11187,11142", "051 234 5678"),
    f("SG", "%N%n%O%n%A%nSINGAPORE %Z", "AZ", Some(r"\d{6}"), "546080,308125,408600", "8123 4567"),
    Format {
        upper: "S",
        sublocality_name: "district",
        ..f("TH", "%N%n%O%n%A%n%D %C%n%S %Z", "ACS", Some(r"\d{5}"), "10150,10210", "081 234 5678")
    },
    Format {
        upper: "CS",
        state_name: "state",
        zip_name: "zip",
        ..f("US", "%N%n%O%n%A%n%C, %S %Z", "ACSZ", Some(r"(\d{5})(?:[ \-](\d{4}))?"), "95014,22162-1010", "(201) 555-0123")
    },
    f("VN", "%N%n%O%n%A%n%C%n%S %Z", "AC", Some(r"\d{5}\d?"), "70010,55999", "091 234 56 78"),
];

/// The format of a destination the store serves.
pub fn format(country: &str) -> Option<&'static Format> {
    FORMATS
        .binary_search_by(|f| f.country.cmp(country))
        .ok()
        .map(|i| &FORMATS[i])
}

//! Variant picking, kept free of the UI so it is tested natively: which colour and size the
//! buyer has chosen, which values are sold out or not made with the other choice, and which
//! variant (SKU) a complete choice names.

use domain::{VariantInfo, VariantOption};

/// The buyer's choice so far.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    pub colour: Option<String>,
    pub size: Option<String>,
}

/// What choosing one value would lead to, given the other choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueState {
    Available,
    /// Made in this combination, but none in stock.
    SoldOut,
    /// Not made together with the other choice.
    Unavailable,
}

impl Selection {
    fn get(&self, axis: &str) -> Option<&str> {
        match axis {
            "colour" => self.colour.as_deref(),
            "size" => self.size.as_deref(),
            _ => None,
        }
    }

    /// The selection with `axis` set to `value`.
    pub fn with(&self, axis: &str, value: &str) -> Selection {
        let mut next = self.clone();
        match axis {
            "colour" => next.colour = Some(value.to_owned()),
            "size" => next.size = Some(value.to_owned()),
            _ => {}
        }
        next
    }
}

fn value_of<'a>(v: &'a VariantInfo, axis: &str) -> Option<&'a str> {
    match axis {
        "colour" => v.colour.as_deref(),
        "size" => v.size.as_deref(),
        _ => None,
    }
}

/// The state of `value` on `axis` given the choice on the other axes.
pub fn value_state(
    variants: &[VariantInfo],
    options: &[VariantOption],
    selection: &Selection,
    axis: &str,
    value: &str,
) -> ValueState {
    let mut matching = variants.iter().filter(|v| {
        value_of(v, axis) == Some(value)
            && options
                .iter()
                .filter(|o| o.axis != axis)
                .all(|o| match selection.get(&o.axis) {
                    Some(chosen) => value_of(v, &o.axis) == Some(chosen),
                    None => true,
                })
    });
    let mut any = false;
    let in_stock = matching.any(|v| {
        any = true;
        v.stock > 0
    });
    match (any || in_stock, in_stock) {
        (_, true) => ValueState::Available,
        (true, false) => ValueState::SoldOut,
        (false, false) => ValueState::Unavailable,
    }
}

/// The variant a complete choice names; `None` until every axis is chosen, or when the
/// combination is not made.
pub fn chosen_variant<'a>(
    variants: &'a [VariantInfo],
    options: &[VariantOption],
    selection: &Selection,
) -> Option<&'a VariantInfo> {
    if options.iter().any(|o| selection.get(&o.axis).is_none()) {
        return None;
    }
    variants.iter().find(|v| {
        options
            .iter()
            .all(|o| value_of(v, &o.axis) == selection.get(&o.axis))
    })
}

/// Where the picker starts: the first colour with stock; when size is the only axis, the
/// first size with stock. With both axes the buyer chooses the size, since a preselected size
/// is easy to overlook.
pub fn initial_selection(variants: &[VariantInfo], options: &[VariantOption]) -> Selection {
    let first_offered = |axis| domain::catalog::first_offered(variants, options, axis);
    let colour = first_offered("colour");
    let size = if colour.is_none() {
        first_offered("size")
    } else {
        None
    };
    Selection { colour, size }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::{Currency, Money, OptionValue};

    fn variant(colour: &str, size: &str, stock: u32) -> VariantInfo {
        VariantInfo {
            sku: format!("{colour}-{size}"),
            colour: Some(colour.into()),
            size: Some(size.into()),
            price: Money::from_minor(1000, Currency::USD),
            converted: None,
            stock,
            weight_g: 100,
            dims_mm: [10, 10, 10],
        }
    }

    fn option(axis: &str, codes: &[&str]) -> VariantOption {
        VariantOption {
            axis: axis.into(),
            values: codes
                .iter()
                .map(|c| OptionValue {
                    code: (*c).into(),
                    label: (*c).into(),
                })
                .collect(),
        }
    }

    fn shirt() -> (Vec<VariantInfo>, Vec<VariantOption>) {
        // Red is not made in XL; blue M is sold out.
        let variants = vec![
            variant("red", "M", 3),
            variant("blue", "M", 0),
            variant("blue", "XL", 5),
        ];
        (
            variants,
            vec![
                option("colour", &["red", "blue"]),
                option("size", &["M", "XL"]),
            ],
        )
    }

    #[test]
    fn a_size_not_made_in_the_chosen_colour_is_unavailable() {
        let (v, o) = shirt();
        let red = Selection {
            colour: Some("red".into()),
            size: None,
        };
        assert_eq!(
            value_state(&v, &o, &red, "size", "XL"),
            ValueState::Unavailable
        );
        assert_eq!(
            value_state(&v, &o, &red, "size", "M"),
            ValueState::Available
        );
    }

    #[test]
    fn a_combination_made_but_out_of_stock_is_sold_out() {
        let (v, o) = shirt();
        let blue = Selection {
            colour: Some("blue".into()),
            size: None,
        };
        assert_eq!(value_state(&v, &o, &blue, "size", "M"), ValueState::SoldOut);
        assert_eq!(
            value_state(&v, &o, &blue, "size", "XL"),
            ValueState::Available
        );
    }

    #[test]
    fn a_variant_is_chosen_only_when_every_axis_is() {
        let (v, o) = shirt();
        let partial = Selection {
            colour: Some("blue".into()),
            size: None,
        };
        assert!(chosen_variant(&v, &o, &partial).is_none());
        let full = partial.with("size", "XL");
        assert_eq!(
            chosen_variant(&v, &o, &full).map(|v| v.sku.as_str()),
            Some("blue-XL")
        );
    }

    #[test]
    fn the_picker_starts_on_a_colour_in_stock_and_leaves_the_size_to_the_buyer() {
        let (mut v, o) = shirt();
        v[0].stock = 0;
        assert_eq!(
            initial_selection(&v, &o),
            Selection {
                colour: Some("blue".into()),
                size: None
            }
        );
    }
}

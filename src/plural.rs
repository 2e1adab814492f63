//! CLDR's cardinal plural rules for whole numbers, for each shipped
//! language (unicode.org/cldr, plurals.xml): which form of "seconds" a
//! count takes. A language file gives exactly its language's categories.

/// A CLDR plural category.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Category {
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

impl Category {
    pub fn name(self) -> &'static str {
        match self {
            Category::Zero => "zero",
            Category::One => "one",
            Category::Two => "two",
            Category::Few => "few",
            Category::Many => "many",
            Category::Other => "other",
        }
    }
}

use Category::*;

/// The categories CLDR gives `tag` (for any number, fractions included):
/// the keys its plural texts must have, no more and no fewer.
pub fn categories(tag: &str) -> &'static [Category] {
    match base(tag) {
        "ar" => &[Zero, One, Two, Few, Many, Other],
        "ru" | "uk" | "pl" | "cs" => &[One, Few, Many, Other],
        "es" | "pt" | "fr" | "it" => &[One, Many, Other],
        "ro" => &[One, Few, Other],
        "he" => &[One, Two, Other],
        "id" | "ms" | "vi" | "th" | "zh" | "ja" | "ko" => &[Other],
        _ => &[One, Other],
    }
}

fn base(tag: &str) -> &str {
    tag.split('-').next().unwrap_or(tag)
}

/// The category of the whole number `n` in `tag`.
pub fn category(tag: &str, n: u32) -> Category {
    let (n10, n100) = (n % 10, n % 100);
    let millions = n != 0 && n.is_multiple_of(1_000_000);
    match base(tag) {
        "ar" => match (n, n100) {
            (0, _) => Zero,
            (1, _) => One,
            (2, _) => Two,
            (_, 3..=10) => Few,
            (_, 11..=99) => Many,
            _ => Other,
        },
        "ru" | "uk" => match (n10, n100) {
            (1, h) if h != 11 => One,
            (2..=4, h) if !(12..=14).contains(&h) => Few,
            _ => Many,
        },
        "pl" => match (n, n10, n100) {
            (1, _, _) => One,
            (_, 2..=4, h) if !(12..=14).contains(&h) => Few,
            _ => Many,
        },
        "cs" => match n {
            1 => One,
            2..=4 => Few,
            _ => Other,
        },
        "es" | "it" => match n {
            1 => One,
            _ if millions => Many,
            _ => Other,
        },
        "pt" | "fr" => match n {
            0 | 1 => One,
            _ if millions => Many,
            _ => Other,
        },
        "ro" => match (n, n100) {
            (1, _) => One,
            (0, _) | (_, 1..=19) => Few,
            _ => Other,
        },
        "he" => match n {
            1 => One,
            2 => Two,
            _ => Other,
        },
        "fa" | "hi" | "bn" => match n {
            0 | 1 => One,
            _ => Other,
        },
        "fil" => match n {
            1..=3 => One,
            _ if !matches!(n10, 4 | 6 | 9) => One,
            _ => Other,
        },
        "id" | "ms" | "vi" | "th" | "zh" | "ja" | "ko" => Other,
        _ => match n {
            1 => One,
            _ => Other,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// CLDR's own examples, per language and category (plurals.xml).
    #[test]
    fn cldr_examples() {
        let cases: &[(&str, Category, &[u32])] = &[
            ("en", One, &[1]),
            ("en", Other, &[0, 2, 16, 100]),
            ("ru", One, &[1, 21, 31, 101, 1001]),
            ("ru", Few, &[2, 3, 4, 22, 24, 102]),
            ("ru", Many, &[0, 5, 11, 12, 14, 19, 100, 111]),
            ("uk", Few, &[2, 23, 1004]),
            ("pl", One, &[1]),
            ("pl", Few, &[2, 4, 22, 104]),
            ("pl", Many, &[0, 5, 12, 21, 111]),
            ("cs", Few, &[2, 3, 4]),
            ("cs", Other, &[0, 5, 100]),
            ("ar", Zero, &[0]),
            ("ar", Two, &[2]),
            ("ar", Few, &[3, 10, 103, 110, 1003]),
            ("ar", Many, &[11, 26, 99, 111, 1011]),
            ("ar", Other, &[100, 101, 102, 200, 1000]),
            ("he", Two, &[2]),
            ("he", Other, &[0, 3, 10, 20]),
            ("fr", One, &[0, 1]),
            ("fr", Many, &[1_000_000, 2_000_000]),
            ("fr", Other, &[2, 17, 1000]),
            ("pt", One, &[0, 1]),
            ("es", One, &[1]),
            ("es", Other, &[0, 2, 5]),
            ("es", Many, &[1_000_000]),
            ("ro", Few, &[0, 2, 16, 19, 101, 119]),
            ("ro", Other, &[20, 35, 100, 1000]),
            ("fil", One, &[0, 1, 2, 3, 5, 7, 8, 10, 11, 15]),
            ("fil", Other, &[4, 6, 9, 14, 16, 19, 24]),
            ("hi", One, &[0, 1]),
            ("fa", Other, &[2, 10]),
            ("ja", Other, &[0, 1, 2]),
            ("zh-TW", Other, &[1]),
        ];
        for (tag, want, numbers) in cases {
            for n in *numbers {
                assert_eq!(category(tag, *n), *want, "{tag} {n}");
            }
        }
    }

    #[test]
    fn every_whole_number_lands_in_a_category_the_language_has() {
        for tag in crate::lang::SHIPPED {
            for n in (0..2000).chain([1_000_000, 2_000_000]) {
                assert!(categories(tag).contains(&category(tag, n)), "{tag} {n}");
            }
        }
    }
}

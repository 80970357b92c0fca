//! Arabic.
use super::Num;
use crate::i18n::Msg;
use crate::i18n::{plural, Locale, PluralCategory};
use std::borrow::Cow;

pub fn text(msg: Msg, n: Num) -> Cow<'static, str> {
    match msg {
        Msg::StoreName => "Crossroads Market".into(),
        Msg::SkipToContent => "تخطَّ إلى المحتوى".into(),
        Msg::HomeHeading => "جديد البائعين من جميع أنحاء العالم".into(),
        Msg::HomeIntro => "تُعرض الأسعار بعملة كل بائع.".into(),
        Msg::ProductsListLabel => "المنتجات".into(),
        Msg::Loading => "جارٍ تحميل المنتجات…".into(),
        Msg::UnreachableTitle => "تعذّر الوصول إلى المتجر الآن".into(),
        Msg::UnreachableBody => "تحقّق من اتصالك ثم حاول مرة أخرى. لم يضِع شيء مما فعلته هنا.".into(),
        Msg::ServerErrorTitle => "حدث خطأ من جانبنا".into(),
        Msg::ServerErrorBody => "يُرجى المحاولة مرة أخرى بعد قليل.".into(),
        Msg::Retry => "إعادة المحاولة".into(),
        Msg::EmptyCatalog => "لا توجد منتجات هنا بعد.".into(),
        Msg::Pagination => "الصفحات".into(),
        Msg::PreviousPage => "الصفحة السابقة".into(),
        Msg::NextPage => "الصفحة التالية".into(),
        Msg::NotFoundTitle => "الصفحة غير موجودة".into(),
        Msg::NotFoundBody => "لم نتمكن من العثور على الصفحة التي تبحث عنها.".into(),
        Msg::BackToShop => "العودة إلى المتجر".into(),
        Msg::Language => "اللغة".into(),
        Msg::PageOf { page, total } => {
            format!("الصفحة {} من {}", n(page.into()), n(total.into())).into()
        }
        Msg::ProductCount { count } => {
            let text: String = match plural(Locale::Ar, count) {
                PluralCategory::Zero => "لا توجد منتجات".to_owned(),
                PluralCategory::One => "منتج واحد".to_owned(),
                PluralCategory::Two => "منتجان".to_owned(),
                PluralCategory::Few => format!("{} منتجات", n(count)),
                PluralCategory::Many => format!("{} منتجًا", n(count)),
                PluralCategory::Other => format!("{} منتج", n(count)),
            };
            text.into()
        }
    }
}

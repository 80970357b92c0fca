//! Russian.
use super::Num;
use crate::i18n::Msg;
use crate::i18n::{plural, Locale, PluralCategory};
use std::borrow::Cow;

pub fn text(msg: Msg, n: Num) -> Cow<'static, str> {
    match msg {
        Msg::StoreName => "Crossroads Market".into(),
        Msg::SkipToContent => "Перейти к содержимому".into(),
        Msg::HomeHeading => "Новинки от продавцов со всего мира".into(),
        Msg::HomeIntro => "Цены указаны в валюте каждого продавца.".into(),
        Msg::ProductsListLabel => "Товары".into(),
        Msg::Loading => "Загружаем товары…".into(),
        Msg::UnreachableTitle => "Сейчас не удаётся связаться с магазином".into(),
        Msg::UnreachableBody => {
            "Проверьте подключение и попробуйте снова. Ничего из сделанного вами не потеряно."
                .into()
        }
        Msg::ServerErrorTitle => "Что-то пошло не так на нашей стороне".into(),
        Msg::ServerErrorBody => "Пожалуйста, повторите попытку через минуту.".into(),
        Msg::Retry => "Повторить".into(),
        Msg::EmptyCatalog => "Здесь пока нет товаров.".into(),
        Msg::Pagination => "Страницы".into(),
        Msg::PreviousPage => "Предыдущая страница".into(),
        Msg::NextPage => "Следующая страница".into(),
        Msg::NotFoundTitle => "Страница не найдена".into(),
        Msg::NotFoundBody => "Не удалось найти страницу, которую вы искали.".into(),
        Msg::BackToShop => "Вернуться в магазин".into(),
        Msg::Language => "Язык".into(),
        Msg::PageOf { page, total } => {
            format!("Страница {} из {}", n(page.into()), n(total.into())).into()
        }
        Msg::ProductCount { count } => {
            let text: String = match plural(Locale::Ru, count) {
                PluralCategory::One => format!("{} товар", n(count)),
                PluralCategory::Few => format!("{} товара", n(count)),
                PluralCategory::Zero
                | PluralCategory::Two
                | PluralCategory::Many
                | PluralCategory::Other => format!("{} товаров", n(count)),
            };
            text.into()
        }
    }
}

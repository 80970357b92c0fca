//! Korean.
use super::Num;
use crate::i18n::Msg;
use std::borrow::Cow;

pub fn text(msg: Msg, n: Num) -> Cow<'static, str> {
    match msg {
        Msg::StoreName => "Crossroads Market".into(),
        Msg::SkipToContent => "본문으로 건너뛰기".into(),
        Msg::HomeHeading => "전 세계 판매자의 신상품".into(),
        Msg::HomeIntro => "가격은 각 판매자의 통화로 표시됩니다.".into(),
        Msg::ProductsListLabel => "상품".into(),
        Msg::Loading => "상품을 불러오는 중…".into(),
        Msg::UnreachableTitle => "지금은 스토어에 연결할 수 없습니다".into(),
        Msg::UnreachableBody => {
            "연결을 확인한 후 다시 시도해 주세요. 여기서 하신 작업은 사라지지 않습니다.".into()
        }
        Msg::ServerErrorTitle => "저희 쪽에 문제가 발생했습니다".into(),
        Msg::ServerErrorBody => "잠시 후 다시 시도해 주세요.".into(),
        Msg::Retry => "다시 시도".into(),
        Msg::EmptyCatalog => "아직 상품이 없습니다.".into(),
        Msg::Pagination => "페이지".into(),
        Msg::PreviousPage => "이전 페이지".into(),
        Msg::NextPage => "다음 페이지".into(),
        Msg::NotFoundTitle => "페이지를 찾을 수 없습니다".into(),
        Msg::NotFoundBody => "찾으시는 페이지를 찾을 수 없습니다.".into(),
        Msg::BackToShop => "쇼핑으로 돌아가기".into(),
        Msg::Language => "언어".into(),
        Msg::PageOf { page, total } => {
            format!("{}페이지 중 {}페이지", n(total.into()), n(page.into())).into()
        }
        Msg::ProductCount { count } => {
            let text: String = format!("상품 {}개", n(count));
            text.into()
        }
    }
}

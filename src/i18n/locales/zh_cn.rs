//! Simplified Chinese.
use super::Num;
use crate::i18n::Msg;
use std::borrow::Cow;

pub fn text(msg: Msg, n: Num) -> Cow<'static, str> {
    match msg {
        Msg::StoreName => "Crossroads Market".into(),
        Msg::SkipToContent => "跳到主要内容".into(),
        Msg::HomeHeading => "来自全球卖家的新品".into(),
        Msg::HomeIntro => "价格以各卖家的货币显示。".into(),
        Msg::ProductsListLabel => "商品".into(),
        Msg::Loading => "正在加载商品…".into(),
        Msg::UnreachableTitle => "暂时无法连接到商店".into(),
        Msg::UnreachableBody => "请检查网络连接后重试。您在此处的操作不会丢失。".into(),
        Msg::ServerErrorTitle => "我们这边出了点问题".into(),
        Msg::ServerErrorBody => "请稍后再试。".into(),
        Msg::Retry => "重试".into(),
        Msg::EmptyCatalog => "这里还没有商品。".into(),
        Msg::Pagination => "分页".into(),
        Msg::PreviousPage => "上一页".into(),
        Msg::NextPage => "下一页".into(),
        Msg::NotFoundTitle => "找不到页面".into(),
        Msg::NotFoundBody => "找不到您要访问的页面。".into(),
        Msg::BackToShop => "返回商店".into(),
        Msg::Language => "语言".into(),
        Msg::PageOf { page, total } => {
            format!("第 {} 页，共 {} 页", n(page.into()), n(total.into())).into()
        }
        Msg::ProductCount { count } => {
            let text: String = format!("{} 件商品", n(count));
            text.into()
        }
    }
}

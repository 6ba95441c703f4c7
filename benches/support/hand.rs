//! The reference a careful engineer would write by hand for the same JSON: a typed
//! parse without validation, which the generated types are measured against.
#![allow(dead_code)]

use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
#[serde(untagged)]
pub enum Expandable {
    Id(String),
    Object(Box<Value>),
}

#[derive(Deserialize)]
pub struct Session {
    pub id: String,
    pub object: String,
    pub configuration: String,
    pub created: i64,
    pub customer: String,
    pub customer_account: Option<String>,
    pub flow: Option<Flow>,
    pub livemode: bool,
    pub locale: Option<String>,
    pub on_behalf_of: Option<String>,
    pub return_url: Option<String>,
    pub url: String,
}

#[derive(Deserialize)]
pub struct Flow {
    pub after_completion: AfterCompletion,
    pub subscription_cancel: Option<SubscriptionCancel>,
    pub subscription_update: Option<Subscription>,
    pub subscription_update_confirm: Option<UpdateConfirm>,
    #[serde(rename = "type")]
    pub kind: String,
}

#[derive(Deserialize)]
pub struct AfterCompletion {
    pub hosted_confirmation: Option<HostedConfirmation>,
    pub redirect: Option<Redirect>,
    #[serde(rename = "type")]
    pub kind: String,
}

#[derive(Deserialize)]
pub struct HostedConfirmation {
    pub custom_message: Option<String>,
}

#[derive(Deserialize)]
pub struct Redirect {
    pub return_url: String,
}

#[derive(Deserialize)]
pub struct SubscriptionCancel {
    pub retention: Option<Retention>,
    pub subscription: String,
}

#[derive(Deserialize)]
pub struct Retention {
    pub coupon_offer: Option<CouponOffer>,
    #[serde(rename = "type")]
    pub kind: String,
}

#[derive(Deserialize)]
pub struct CouponOffer {
    pub coupon: String,
}

#[derive(Deserialize)]
pub struct Subscription {
    pub subscription: String,
}

#[derive(Deserialize)]
pub struct UpdateConfirm {
    pub discounts: Option<Vec<Discount>>,
    pub items: Vec<Item>,
    pub subscription: String,
}

#[derive(Deserialize)]
pub struct Discount {
    pub coupon: Option<String>,
    pub promotion_code: Option<String>,
}

#[derive(Deserialize)]
pub struct Item {
    pub id: Option<String>,
    pub price: Option<String>,
    pub quantity: Option<i64>,
}

/// The same struct borrowing its strings from the input (`Cow` falls back to an owned
/// string when the JSON text has escapes): what a zero-copy mode could reach.
pub mod borrowed {
    use serde::Deserialize;
    use std::borrow::Cow;

    #[derive(Deserialize)]
    pub struct Session<'a> {
        #[serde(borrow)]
        pub id: Cow<'a, str>,
        #[serde(borrow)]
        pub object: Cow<'a, str>,
        #[serde(borrow)]
        pub configuration: Cow<'a, str>,
        pub created: i64,
        #[serde(borrow)]
        pub customer: Cow<'a, str>,
        #[serde(borrow)]
        pub customer_account: Option<Cow<'a, str>>,
        #[serde(borrow)]
        pub flow: Option<Flow<'a>>,
        pub livemode: bool,
        #[serde(borrow)]
        pub locale: Option<Cow<'a, str>>,
        #[serde(borrow)]
        pub on_behalf_of: Option<Cow<'a, str>>,
        #[serde(borrow)]
        pub return_url: Option<Cow<'a, str>>,
        #[serde(borrow)]
        pub url: Cow<'a, str>,
    }

    #[derive(Deserialize)]
    pub struct Flow<'a> {
        #[serde(borrow)]
        pub after_completion: AfterCompletion<'a>,
        #[serde(borrow)]
        pub subscription_cancel: Option<SubscriptionCancel<'a>>,
        #[serde(borrow)]
        pub subscription_update: Option<Subscription<'a>>,
        #[serde(borrow)]
        pub subscription_update_confirm: Option<UpdateConfirm<'a>>,
        #[serde(rename = "type", borrow)]
        pub kind: Cow<'a, str>,
    }

    #[derive(Deserialize)]
    pub struct AfterCompletion<'a> {
        #[serde(borrow)]
        pub hosted_confirmation: Option<HostedConfirmation<'a>>,
        #[serde(borrow)]
        pub redirect: Option<Redirect<'a>>,
        #[serde(rename = "type", borrow)]
        pub kind: Cow<'a, str>,
    }

    #[derive(Deserialize)]
    pub struct HostedConfirmation<'a> {
        #[serde(borrow)]
        pub custom_message: Option<Cow<'a, str>>,
    }

    #[derive(Deserialize)]
    pub struct Redirect<'a> {
        #[serde(borrow)]
        pub return_url: Cow<'a, str>,
    }

    #[derive(Deserialize)]
    pub struct SubscriptionCancel<'a> {
        #[serde(borrow)]
        pub retention: Option<Retention<'a>>,
        #[serde(borrow)]
        pub subscription: Cow<'a, str>,
    }

    #[derive(Deserialize)]
    pub struct Retention<'a> {
        #[serde(borrow)]
        pub coupon_offer: Option<CouponOffer<'a>>,
        #[serde(rename = "type", borrow)]
        pub kind: Cow<'a, str>,
    }

    #[derive(Deserialize)]
    pub struct CouponOffer<'a> {
        #[serde(borrow)]
        pub coupon: Cow<'a, str>,
    }

    #[derive(Deserialize)]
    pub struct Subscription<'a> {
        #[serde(borrow)]
        pub subscription: Cow<'a, str>,
    }

    #[derive(Deserialize)]
    pub struct UpdateConfirm<'a> {
        #[serde(borrow)]
        pub discounts: Option<Vec<Discount<'a>>>,
        #[serde(borrow)]
        pub items: Vec<Item<'a>>,
        #[serde(borrow)]
        pub subscription: Cow<'a, str>,
    }

    #[derive(Deserialize)]
    pub struct Discount<'a> {
        #[serde(borrow)]
        pub coupon: Option<Cow<'a, str>>,
        #[serde(borrow)]
        pub promotion_code: Option<Cow<'a, str>>,
    }

    #[derive(Deserialize)]
    pub struct Item<'a> {
        #[serde(borrow)]
        pub id: Option<Cow<'a, str>>,
        #[serde(borrow)]
        pub price: Option<Cow<'a, str>>,
        pub quantity: Option<i64>,
    }
}

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

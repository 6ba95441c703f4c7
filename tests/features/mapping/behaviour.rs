use feature_mapping::api::Summary;
use feature_mapping::crm::Account;
use serde_json::json;

#[test]
fn maps_every_kind_of_field() {
    let account: Account = serde_json::from_value(json!({
        "id": "a1", "plan": "pro", "owner": { "name": "Ann", "email": null },
        "nickname": "annie", "signup": 0, "rank": 3, "active": true
    }))
    .unwrap();
    let summary = Summary::try_from(&account).unwrap();
    assert_eq!(
        serde_json::to_value(&summary).unwrap(),
        json!({
            "id": "a1", "plan": "pro", "owner": { "name": "Ann" }, "owner_name": "Ann",
            "nickname": "annie", "signed_up_at": "1970-01-01T00:00:00Z", "rank": 3, "active": true
        })
    );
}

#[test]
fn nulls_take_their_defaults_and_absent_optionals_stay_absent() {
    let account: Account = serde_json::from_value(json!({
        "id": "a2", "plan": null, "owner": { "name": "Bo", "email": "bo@example.com" }, "signup": 60
    }))
    .unwrap();
    let summary = Summary::try_from(account).unwrap();
    assert_eq!(summary.plan, "free");
    assert!(!summary.active);
    assert_eq!(summary.nickname, None);
    assert_eq!(summary.rank, None);
    assert_eq!(summary.owner.email.as_deref(), Some("bo@example.com"));
}

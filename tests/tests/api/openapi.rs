use paillasse_tests::both_engines;
use serde_json::Value;

both_engines! {
    /// The OpenAPI spec documents every location operation with its schemas.
    async fn the_openapi_spec_documents_the_api(app) {
        let res = app.get("/api/v1/openapi.json").await;
        assert_eq!(res.status(), 200);
        let spec: Value = res.json().await.unwrap();
        assert!(spec["openapi"].as_str().unwrap().starts_with("3."));
        assert_eq!(spec["servers"][0]["url"], "/api/v1");
        // Which operations exist is pinned by the authorization matrix (authorization.rs),
        // which fails for any route without a row.
        for schema in ["Location", "NewLocation", "LocationPatch", "Problem", "FieldError", "Person", "LoginRequest", "ApiToken", "CreatedApiToken", "Share", "TeamMember"] {
            assert!(spec["components"]["schemas"][schema].is_object(), "{schema}");
        }
    }
}

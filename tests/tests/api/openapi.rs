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
        let mut operations: Vec<String> = spec["paths"]
            .as_object()
            .unwrap()
            .iter()
            .flat_map(|(path, item)| item.as_object().unwrap().keys().map(move |m| format!("{m} {path}")))
            .collect();
        operations.sort();
        assert_eq!(
            operations,
            [
                "get /auth/me",
                "get /locations",
                "get /locations/{id}",
                "patch /locations/{id}",
                "post /auth/login",
                "post /auth/logout",
                "post /locations",
            ]
        );
        for schema in ["Location", "NewLocation", "LocationPatch", "Problem", "FieldError", "Person", "LoginRequest"] {
            assert!(spec["components"]["schemas"][schema].is_object(), "{schema}");
        }
    }
}

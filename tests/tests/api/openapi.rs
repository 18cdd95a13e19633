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

both_engines! {
    /// Every operation has its own operationId (generated clients name their methods by
    /// it), and every parameter is where the route takes it.
    async fn each_operation_has_a_unique_id_and_its_parameters_where_they_are(app) {
        let spec: Value = app.get("/api/v1/openapi.json").await.json().await.unwrap();
        let mut seen = std::collections::BTreeMap::<String, Vec<String>>::new();
        for (path, item) in spec["paths"].as_object().unwrap() {
            let in_path: Vec<String> = path.split('{').skip(1).map(|p| p.split('}').next().unwrap().to_owned()).collect();
            for (method, op) in item.as_object().unwrap() {
                let at = format!("{} {path}", method.to_uppercase());
                let id = op["operationId"].as_str().unwrap_or_else(|| panic!("{at}: no operationId"));
                seen.entry(id.to_owned()).or_default().push(at.clone());
                let declared: Vec<&str> = op["parameters"].as_array().into_iter().flatten()
                    .filter(|p| p["in"] == "path").map(|p| p["name"].as_str().unwrap()).collect();
                let mut declared_sorted = declared.clone();
                declared_sorted.sort();
                let mut expected: Vec<&str> = in_path.iter().map(String::as_str).collect();
                expected.sort();
                assert_eq!(declared_sorted, expected, "{at}: path parameters");
            }
        }
        let repeated: Vec<_> = seen.iter().filter(|(_, at)| at.len() > 1).collect();
        assert!(repeated.is_empty(), "operationIds used more than once: {repeated:#?}");

        // The limits the server enforces are declared, and so are the errors every
        // operation of its shape can answer.
        let days = &spec["paths"]["/alerts"]["get"]["parameters"][0];
        assert_eq!((days["name"].as_str(), days["in"].as_str(), days["schema"]["maximum"].as_u64()), (Some("days"), Some("query"), Some(366)));
        let limit = spec["paths"]["/locations"]["get"]["parameters"].as_array().unwrap().iter().find(|p| p["name"] == "limit").unwrap().clone();
        assert_eq!((limit["schema"]["minimum"].as_u64(), limit["schema"]["maximum"].as_u64()), (Some(1), Some(500)));
        assert_eq!(spec["components"]["schemas"]["NewLocation"]["properties"]["name"]["minLength"], 1);
        let create = &spec["paths"]["/locations"]["post"]["responses"];
        for status in ["400", "401", "403", "413", "422"] {
            assert!(create[status].is_object(), "POST /locations: {status}");
        }
        let read = &spec["paths"]["/locations/{id}"]["get"]["responses"];
        assert!(read["400"].is_object() && read["404"].is_object() && read["403"].is_null());
    }
}

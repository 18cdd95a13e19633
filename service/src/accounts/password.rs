//! Password hashing with argon2id at OWASP's parameters, off the async threads, and the
//! list of common passwords that are refused.

use std::{collections::HashSet, sync::OnceLock};

use argon2::{
    password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
    Algorithm, Argon2, Params, Version,
};

use crate::ServiceError;

/// OWASP Password Storage Cheat Sheet: m = 19 MiB, t = 2, p = 1.
const MEMORY_KIB: u32 = 19 * 1024;
const ITERATIONS: u32 = 2;
const PARALLELISM: u32 = 1;

fn argon2() -> Argon2<'static> {
    let params = Params::new(MEMORY_KIB, ITERATIONS, PARALLELISM, None)
        .expect("constant argon2 parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes a password into a PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`).
pub async fn hash(password: String) -> Result<String, ServiceError> {
    let _turn = TURNS
        .acquire()
        .await
        .map_err(|e| internal(format!("password turns closed: {e}")))?;
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut rand::rngs::OsRng);
        argon2()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
    })
    .await
    .map_err(|e| internal(format!("hashing task failed: {e}")))?
    .map_err(|e| internal(format!("hashing failed: {e}")))
}

/// Hashings and verifications running at once: each takes 19 MiB and a core for a
/// moment; a burst of sign-ins queues here instead of taking the machine's memory.
pub(crate) static TURNS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(4);

/// Whether `password` matches `phc`. A malformed stored hash never matches.
pub async fn verify(password: String, phc: String) -> Result<bool, ServiceError> {
    let _turn = TURNS
        .acquire()
        .await
        .map_err(|e| internal(format!("password turns closed: {e}")))?;
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&phc)
            .map(|parsed| {
                argon2()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .map_err(|e| internal(format!("verification task failed: {e}")))
}

/// Whether a (lower-cased) password is on the shipped list (`service/data/`).
pub fn is_common(lowercase: &str) -> bool {
    static LIST: OnceLock<HashSet<&'static str>> = OnceLock::new();
    LIST.get_or_init(|| {
        include_str!("../../data/common-passwords.txt")
            .lines()
            .collect()
    })
    .contains(lowercase)
}

fn internal(message: String) -> ServiceError {
    ServiceError::Db(sea_orm::DbErr::Custom(message))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn verifications_wait_for_a_turn() {
        let phc = hash("a long enough passphrase".into()).await.unwrap();
        let all = TURNS.acquire_many(4).await.unwrap();
        let waiting = tokio::time::timeout(
            std::time::Duration::from_millis(300),
            verify("a long enough passphrase".into(), phc.clone()),
        )
        .await;
        assert!(waiting.is_err(), "no turn free: it waits");
        drop(all);
        assert!(verify("a long enough passphrase".into(), phc)
            .await
            .unwrap());
    }

    #[tokio::test]
    async fn hashes_are_argon2id_with_owasp_parameters_and_verify() {
        let phc = hash("correct horse battery".into()).await.unwrap();
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
        assert!(verify("correct horse battery".into(), phc.clone())
            .await
            .unwrap());
        assert!(!verify("correct horse battery!".into(), phc).await.unwrap());
        assert!(!verify("x".into(), "not a hash".into()).await.unwrap());
    }

    #[test]
    fn the_common_list_is_loaded() {
        assert!(is_common("1234567890"));
        assert!(is_common("qwertyuiop"));
        assert!(!is_common("a quite unusual passphrase"));
    }
}

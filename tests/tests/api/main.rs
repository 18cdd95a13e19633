//! The REST API and server-rendered pages, each test on SQLite and on PostgreSQL.

mod attachments;
mod audit;
mod auth;
mod authorization;
mod bad_input;
mod boxes;
mod entries;
mod export;
mod faults;
mod health;
mod history;
mod instruments;
mod labels;
mod locations;
mod lots;
mod openapi;
mod pages;
mod pagination;
mod people;
mod products;
mod samples;
mod search;
mod security_headers;
mod startup;
mod storage;
mod trace;

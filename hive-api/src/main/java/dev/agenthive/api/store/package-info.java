/** The store port: one repository per aggregate, transactions and health. */
package dev.agenthive.api.store;

/**
 * The ot-text operational transformation type for shared plain text, kept free of JSON libraries
 * so both the server and its tests can use it directly; webroot/js/purpose/ot-text.js mirrors it.
 */
package dev.cairn.purpose.text;

/**
 * The bilingual reference of the whole dictionary ({@code docs/dictionary/README.md}), rendered deterministically
 * so the committed file changes only when a definition does.
 */
package org.citycard.dictionary.docs;

/**
 * The admin dashboard served by the server: a bilingual (中文 / English) static page with hand-drawn SVG charts of the
 * volumes and amounts per department and day, the quarantine with reasons, the settlement per closed day and the
 * bank files with their status and downloads. Staff log in with a form (session, CSRF-protected); the page reads
 * JSON under /dashboard/api.
 */
package org.citycard.clearing.dashboard;

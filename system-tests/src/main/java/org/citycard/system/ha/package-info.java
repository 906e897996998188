/**
 * Several clearing servers on one PostgreSQL behind HAProxy (DESIGN §6 v2, issue 21): a throwaway PostgreSQL
 * cluster, server instances as separate processes (killed with SIGKILL and started again), and HAProxy from the
 * repository's sample configuration. Used by the HA system test and by {@code bench ingest|auth --postgres}.
 */
package org.citycard.system.ha;

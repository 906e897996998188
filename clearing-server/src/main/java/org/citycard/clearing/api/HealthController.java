package org.citycard.clearing.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.citycard.clearing.iso.IsoServer;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Public health: the database answers and the ISO 8583 endpoint listens. */
@RestController
@Tag(name = "Health")
class HealthController {
    private final JdbcTemplate jdbc;
    private final IsoServer iso;

    HealthController(JdbcTemplate jdbc, IsoServer iso) {
        this.jdbc = jdbc;
        this.iso = iso;
    }

    record Health(String status, boolean database, boolean iso8583) {}

    @GetMapping("/api/v1/health")
    @Operation(summary = "UP when the database answers and the ISO 8583 endpoint listens")
    ResponseEntity<Health> health() {
        boolean db;
        try {
            db = jdbc.queryForObject("SELECT COUNT(*) FROM system_version", Long.class) != null;
        } catch (RuntimeException e) {
            db = false;
        }
        boolean listening = iso.isRunning();
        boolean up = db && listening;
        return ResponseEntity.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .body(new Health(up ? "UP" : "DOWN", db, listening));
    }
}

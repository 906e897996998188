package org.citycard.clearing.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.List;
import org.citycard.clearing.reference.HotlistEntry;
import org.citycard.clearing.reference.HotlistService;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The hotlist: staff read it, administrators change it, terminals download it (authenticated by their MAC). */
@RestController
@Tag(name = "Hotlist", description = "versioned list of blocked cards")
class HotlistController {
    private final HotlistService hotlist;

    HotlistController(HotlistService hotlist) {
        this.hotlist = hotlist;
    }

    record HotlistView(long version, List<HotlistEntry> entries) {}

    @GetMapping("/api/v1/hotlist")
    HotlistView entries() {
        return new HotlistView(hotlist.version(), hotlist.entries());
    }

    @PostMapping("/api/v1/hotlist")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Put a card on the hotlist (ADMIN); raises the hotlist version",
            description = "409 naming hotlist_capacity when the list holds that many entries of cards not expired")
    HotlistEntry add(@RequestBody Requests.HotlistBody body, Principal who) {
        return hotlist.add(body.asn(), body.reason(), who.getName());
    }

    @DeleteMapping("/api/v1/hotlist/{asn}")
    @Operation(summary = "Take a card off the hotlist (ADMIN); raises the hotlist version")
    HotlistView remove(@PathVariable String asn, Principal who) {
        hotlist.remove(asn, who.getName());
        return entries();
    }

    @GetMapping("/api/v1/terminal/hotlist")
    @Operation(
            summary = "The hotlist for a terminal: all ASNs, or the changes after ?since=version",
            description = "Cards past their expiry date are left out; expiries gives each listed or added card's"
                    + " expiry (YYYYMMDD) where known, for the terminal's compact copy (layout"
                    + " hotlist_compact_entry, at most hotlist_capacity entries). The whole list (since null) is"
                    + " answered when ?since is older than the changes kept, newer than the current version, or"
                    + " its changes outnumber the list."
                    + " Authenticated by headers X-CityCard-Terminal, X-CityCard-Time (Unix seconds) and"
                    + " X-CityCard-Mac: hex of the 8-byte retail MAC under the terminal's TAK over"
                    + " 'GET\\n/api/v1/terminal/hotlist?since=N\\n<time>\\n<terminal ID>'.")
    HotlistService.Snapshot forTerminal(@RequestParam(required = false) Long since) {
        return hotlist.snapshot(since);
    }

    @GetMapping(value = "/api/v1/terminal/hotlist/compact", produces = "application/octet-stream")
    @Operation(
            summary = "The whole hotlist for a terminal in its compact binary form",
            description = "Layout hotlist_compact_header (hotlist_version ‖ hotlist_entry_count, 16 digits) followed"
                    + " by that many entries of layout hotlist_compact_entry (ASN ‖ expiry date, 14 bytes BCD),"
                    + " sorted by ASN; cards past their expiry left out. What an agent stores as it is. Authenticated"
                    + " and answered with X-CityCard-Answer-Mac like /api/v1/terminal/hotlist; the changes after a"
                    + " version come from /api/v1/terminal/hotlist?since=N.")
    byte[] compactForTerminal() {
        return hotlist.compactImage().bytes();
    }
}

package org.citycard.issuance.desk;

import static org.citycard.issuance.desk.DeskApi.m;
import static org.citycard.issuance.desk.DeskInput.number;

import java.util.ArrayList;
import java.util.List;
import org.citycard.issuance.IssuanceTool;
import org.citycard.issuance.desk.DeskApi.Request;
import org.citycard.issuance.enrolment.Citizen;
import org.citycard.issuance.registry.ComparisonService;
import org.citycard.issuance.registry.Finding;
import org.citycard.issuance.registry.ReviewService;
import org.citycard.issuance.staff.Permission;
import org.citycard.issuance.staff.Staff;
import org.citycard.issuance.workflow.CardRecord;

/**
 * The registry comparison and its review queue: every applied application compared with the population registry,
 * the queue of those with findings shown beside the registry's record, and a reviewer's decision with its reason
 * (the page offers the decision only to a reviewer who did not enrol the application; the service enforces it).
 */
final class ReviewRoutes {
    private final IssuanceTool tool;
    private final DeskViews views;

    ReviewRoutes(IssuanceTool tool, DeskViews views) {
        this.tool = tool;
        this.views = views;
    }

    Object compare(Staff me) {
        List<Object> out = new ArrayList<>();
        for (ComparisonService.Result res : tool.comparison().compareAll(me)) {
            out.add(m(
                    "application", res.applicationId(),
                    "passed", res.passed(),
                    "findings", res.findings().stream().map(Finding::toString).toList()));
        }
        return m("results", out);
    }

    Object queue(Staff me) {
        List<Object> out = new ArrayList<>();
        for (ReviewService.Item item : tool.review().queue(me)) {
            Citizen z = item.applicant();
            out.add(m(
                    "application", item.application().id(),
                    "enrolledBy", item.enrolledBy(),
                    "comparedAt", DeskViews.WHEN.format(item.comparison().comparedAt()),
                    "applicant",
                            m(
                                    "citizenId", z.citizenId(),
                                    "name", z.name(),
                                    "sex", views.label("sex", z.sex()),
                                    "birthDate", z.birthDate().toString(),
                                    "ethnicity", views.label("ethnicity", z.ethnicity()),
                                    "photo", views.photo(z.citizenId())),
                    "registry",
                            item.registry()
                                    .map(p -> (Object) m(
                                            "citizenId", p.citizenId(),
                                            "name", p.name(),
                                            "sex", views.label("sex", p.sex()),
                                            "birthDate", p.birthDate().toString(),
                                            "ethnicity", views.label("ethnicity", p.ethnicity()),
                                            "status", p.registered() ? "在册 Registered" : "已注销 Deregistered"))
                                    .orElse(null),
                    "findings",
                            item.comparison().findings().stream()
                                    .map(f -> m(
                                            "kind", f.kind().name(), "blocking", f.blocking(), "message", f.message()))
                                    .toList(),
                    "mayDecide", me.may(Permission.REVIEW) && !me.username().equals(item.enrolledBy())));
        }
        return m("queue", out);
    }

    Object decide(Staff me, Request r) {
        long id = number(r.required("application"), "application");
        boolean approve = r.body().path("approve").asBoolean(false);
        String reason = r.required("reason");
        CardRecord res =
                approve ? tool.review().approve(me, id, reason) : tool.review().reject(me, id, reason);
        return m("application", id, "state", res.state().label());
    }
}

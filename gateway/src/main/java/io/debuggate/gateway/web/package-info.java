/**
 * The web UI: server-side Thymeleaf pages with htmx for live parts (inbox, my requests, session
 * status), behind the site's login session. Engineers file and follow requests, approvers sign in
 * their inbox, auditors search, replay, verify and export, admins see targets and policy. Every
 * rule is enforced by the same services the REST API uses; the UI only explains refusals.
 */
@NullMarked
package io.debuggate.gateway.web;

import org.jspecify.annotations.NullMarked;

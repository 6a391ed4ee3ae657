package io.debuggate.gateway.web;

import io.debuggate.approval.ApprovalService;
import io.debuggate.approval.DebugRequest;
import io.debuggate.approval.FieldError;
import io.debuggate.approval.RequestValidationException;
import io.debuggate.approval.SessionDurationLimits;
import io.debuggate.approval.config.ApprovalProperties;
import io.debuggate.approval.request.DraftLimits;
import io.debuggate.approval.request.DraftValidator;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The engineer's request form. Submitting creates the request through {@link ApprovalService},
 * which validates every field at once; its messages appear next to the fields they concern.
 */
@Controller
class RequestFormController {

    private final ApprovalService approvals;
    private final RequestFormOptions options;
    private final DraftValidator validator;

    RequestFormController(ApprovalService approvals, RequestFormOptions options, ApprovalProperties properties,
                          SessionDurationLimits sessionLimits) {
        this.approvals = approvals;
        this.options = options;
        // the same limits as the service's, so the list shown with an unreadable number is the full one
        this.validator = new DraftValidator(new DraftLimits(properties.maxGrantDuration(), properties.defaultGrantDuration()),
                sessionLimits);
    }

    @GetMapping("/requests/new")
    String form(@RequestParam(required = false) @Nullable String target, Model model) {
        if (target == null && options.targets().size() == 1) {
            target = options.targets().getFirst().name(); // the only choice: save a click
        }
        return show(model, RequestForm.blank(target), new FormErrors(List.of()));
    }

    @PostMapping("/requests/new")
    String submit(Authentication authentication, @RequestParam MultiValueMap<String, String> posted, Model model,
                  RedirectAttributes redirect) {
        RequestForm form = RequestForm.from(posted);
        RequestForm.Parsed parsed = form.toDraft();
        List<FieldError> errors = new ArrayList<>(parsed.numberErrors());
        if (!errors.isEmpty()) {
            // a number was unreadable: still list every other problem, as the service would
            try {
                validator.validate(parsed.draft());
            } catch (RequestValidationException e) {
                e.errors().stream().filter(f -> errors.stream().noneMatch(n -> n.field().equals(f.field())))
                        .forEach(errors::add);
            }
            return show(model, form, new FormErrors(errors));
        }
        try {
            DebugRequest created = approvals.create(UiUser.caller(authentication), parsed.draft());
            redirect.addFlashAttribute("notice", "notice.submitted");
            return "redirect:/requests/" + created.id();
        } catch (RequestValidationException e) {
            return show(model, form, new FormErrors(e.errors()));
        }
    }

    private String show(Model model, RequestForm form, FormErrors errors) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("options", options);
        return "requests/new";
    }
}

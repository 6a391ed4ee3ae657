package io.debuggate.agent.testsupport;

import io.debuggate.agent.demo.GoTestBedOptions;
import java.util.List;

/**
 * The personal data and secrets the Go test bed holds (mirrors {@code deploy/testbed/PII.md}
 * and {@code customers.go}). Tests assert that none of these strings leaves the gateway
 * unmasked. Resident IDs have valid ISO 7064 MOD 11-2 check characters, bank cards valid Luhn
 * digits.
 */
public final class TestBedPii {

    /** One customer record of the test bed. */
    public record Customer(int id, String name, String residentId, String mobile, String bankCard, String email) {
        public List<String> sensitiveValues() {
            return List.of(residentId, mobile, bankCard, email);
        }
    }

    public static final Customer ZHANG_WEI = new Customer(1, "张伟 Zhang Wei", "11010519491231002X", "13800138000",
            "6222021234567890128", "zhang.wei@example.cn");
    public static final Customer LI_NA = new Customer(2, "李娜 Li Na", "440304199001011233", "13912345678",
            "6217001234567890122", "li.na@example.com");
    public static final Customer WANG_FANG = new Customer(3, "王芳 Wang Fang", "310104198511204516", "15800001111",
            "6228480011223344554", "wang.fang@example.org");
    public static final Customer LIU_YANG = new Customer(4, "刘洋 Liu Yang", "510108197803152023", "18612345678",
            "6225887766554433228", "liu.yang@example.net");

    public static final List<Customer> CUSTOMERS = List.of(ZHANG_WEI, LI_NA, WANG_FANG, LIU_YANG);

    /** Global {@code main.supportEmail}. */
    public static final String SUPPORT_EMAIL = "ops-oncall@example.cn";

    /** Passed as {@code -api-key=} by {@link GoTestBed}; visible in {@code /debug/pprof/cmdline} and {@code main.apiKey}. */
    public static final String API_KEY = GoTestBedOptions.DEMO_API_KEY;

    /** The pprof label key on the settlement goroutines; its values are the customers' e-mails. */
    public static final String EMAIL_LABEL = "customer_email";

    /** Every string that must never reach a human unmasked. */
    public static final List<String> ALL_SENSITIVE_VALUES = allSensitiveValues();

    private TestBedPii() {
    }

    private static List<String> allSensitiveValues() {
        var all = new java.util.ArrayList<String>();
        CUSTOMERS.forEach(c -> all.addAll(c.sensitiveValues()));
        all.add(SUPPORT_EMAIL);
        all.add(API_KEY);
        return List.copyOf(all);
    }
}

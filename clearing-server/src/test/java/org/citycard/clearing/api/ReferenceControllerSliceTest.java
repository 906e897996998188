package org.citycard.clearing.api;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.util.List;
import org.citycard.clearing.config.CityCardProperties;
import org.citycard.clearing.crypto.HostKeys;
import org.citycard.clearing.reference.Department;
import org.citycard.clearing.reference.ReferenceRepository;
import org.citycard.clearing.reference.ReferenceService;
import org.citycard.clearing.security.SecurityConfiguration;
import org.citycard.dictionary.validate.ValidationException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The reference controller in a web slice: roles, thin delegation, errors as field / value / rule. */
// a slice of the reference API's validation: the forced first password change (on by default, tested by
// StaffForcedPasswordChangeTest on the whole server) needs the staff accounts' database, which a slice has not
@WebMvcTest(value = ReferenceController.class, properties = "citycard.security.force-initial-password-change=false")
@Import({SecurityConfiguration.class, ApiErrors.class, ReferenceControllerSliceTest.Beans.class})
class ReferenceControllerSliceTest {
    static final String BODY = "{\"code\":\"0101\",\"name\":\"市公交\",\"category\":\"01\",\"bankCode\":\"102100099996\","
            + "\"accountNumber\":\"6222020200112233\",\"accountName\":\"市公交集团\",\"feeRateBp\":30}";

    @TestConfiguration
    @EnableConfigurationProperties({CityCardProperties.class, org.citycard.clearing.exchange.ExchangeProperties.class})
    static class Beans {
        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }
    }

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ReferenceService service;

    @MockitoBean
    ReferenceRepository repository;

    @MockitoBean
    org.citycard.clearing.settlement.DepositService deposits;

    @MockitoBean
    HostKeys keys;

    @MockitoBean
    org.citycard.clearing.crypto.TerminalKeyService terminalKeys;

    @MockitoBean
    org.citycard.clearing.crypto.KeyVersions keyVersions;

    // sign-in failures are counted in the database (issue 15), which a slice has not; these tests sign in as mocks
    @MockitoBean
    org.citycard.clearing.security.LoginAttempts loginAttempts;

    @Test
    void anonymous_isRefused401() throws Exception {
        mvc.perform(get("/api/v1/departments")).andExpect(status().isUnauthorized());
    }

    @Test
    @WithMockUser(roles = "STAFF")
    void staff_reads() throws Exception {
        when(service.departments())
                .thenReturn(List.of(new Department("0101", "市公交", "01", "102100099996", "6222", "市公交集团", 30)));
        mvc.perform(get("/api/v1/departments"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].code").value("0101"))
                .andExpect(jsonPath("$[0].feeRateBp").value(30));
    }

    @Test
    @WithMockUser(roles = "STAFF")
    void staff_cannotChange_andTheServiceIsNeverCalled() throws Exception {
        mvc.perform(post("/api/v1/departments")
                        .header("X-Requested-With", "test") // refused for the role, not for want of the header
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(BODY))
                .andExpect(status().isForbidden());
        verify(service, never()).createDepartment(any());
    }

    @Test
    @WithMockUser(roles = "ADMIN")
    void aRuleBrokenInTheService_isA400NamingFieldValueAndRule() throws Exception {
        when(service.createDepartment(any()))
                .thenThrow(new ValidationException("category", "77", "not a code of table department-category"));
        mvc.perform(post("/api/v1/departments")
                        .header("X-Requested-With", "test") // a staff state change says it is no browser form
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(BODY))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("category"))
                .andExpect(jsonPath("$.value").value("77"))
                .andExpect(jsonPath("$.rule").value("not a code of table department-category"));
    }

    @Test
    @WithMockUser(roles = "ADMIN")
    void aMissingFeeRate_isA400_beforeTheService() throws Exception {
        mvc.perform(post("/api/v1/departments")
                        .header("X-Requested-With", "test")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(BODY.replace(",\"feeRateBp\":30", "")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("feeRateBp"));
        verify(service, never()).createDepartment(any());
    }
}

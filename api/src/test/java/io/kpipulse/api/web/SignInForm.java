package io.kpipulse.api.web;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard's sign-in form filled in as a person does: open the dashboard, type tenant, user name and
 * password, submit. Where the page lands is each caller's own check (signing in reloads into the tenant).
 */
public final class SignInForm {

    private static final Duration FORM_SHOWN = Duration.ofSeconds(60);

    private SignInForm() {}

    /** {@code dashboardUrl} is the dashboard's root, e.g. {@code http://127.0.0.1:8080/}. */
    public static void submit(WebDriver browser, String dashboardUrl, String tenant, String username, String password) {
        browser.get(dashboardUrl);
        new WebDriverWait(browser, FORM_SHOWN)
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-form")));
        browser.findElement(By.id("signin-tenant")).clear();
        browser.findElement(By.id("signin-tenant")).sendKeys(tenant);
        browser.findElement(By.id("signin-username")).sendKeys(username);
        browser.findElement(By.id("signin-password")).sendKeys(password);
        browser.findElement(By.id("signin-submit")).click();
    }
}

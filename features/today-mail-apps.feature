@section:today
Feature: Today: mail apps sign in themselves, no App Password
  The guide gave mail apps an App Password. Since October 2022 Exchange Online refuses basic
  authentication (the account password or an App Password) over IMAP, POP and ActiveSync, so an
  App Password no longer brings mail. What replaces it is an account that signs in: Outlook, or
  the iPhone's Mail app with the account added through "Sign in", which opens Microsoft's sign-in
  window with MFA in it.

  Background:
    Given the tenant from "contoso-today"

  @today @rule:24
  Scenario: Today, adding the account to the iPhone's Mail app with "Sign in"
    Given Dana has set up text messages for MFA
    When Dana adds her account to "iPhone Mail" with "Sign in"
    And Dana's "iPhone Mail" opens its sign-in window
    And Dana signs in with her email address and password
    Then Dana's sign-in starts with "We texted your phone"
    When Dana verifies with the texted code
    And Dana's "iPhone Mail" finishes signing in
    Then Dana's "iPhone Mail" shows "Connected"
    And the sign-in log shows a "Success" for Dana with "Text message"

  @today @rule:24
  Scenario: Today, Outlook on the desktop signs in with MFA where Windows Mail no longer works
    Given Dana has set up text messages for MFA
    When Dana types her account password into "Windows Mail"
    Then Dana's "Windows Mail" shows "use the new Outlook for Windows"
    When Dana's "Outlook on the desktop" opens its sign-in window
    And Dana signs in with her email address and password
    And Dana verifies with the texted code
    And Dana's "Outlook on the desktop" finishes signing in
    Then Dana's "Outlook on the desktop" shows "Connected"

@section:today
Feature: Today: another authenticator app
  An authenticator app other than Microsoft's (Google Authenticator here) gives six-digit codes
  and no notifications. Today it is set up behind "I want to use a different authenticator
  app"; the service keeps it only once a code from it has been typed.

  Background:
    Given the tenant from "contoso-today"

  @today @rule:3 @rule:4 @rule:8 @rule:18
  Scenario: Today, setting up another authenticator app from the sign-in prompt
    Given the administrator enables MFA for Dana
    And Dana installs "Google Authenticator" from the app store
    When Dana signs in to "https://aka.ms/mfasetup" with her password
    Then Dana sees "More information required"
    When Dana presses "Next"
    Then Dana sees "Microsoft Authenticator: start by getting the app"
    When Dana follows "I want to use a different authenticator app"
    And Dana presses "Next"
    Then the page shows a QR code for an "otpauth" link
    When Dana scans the QR code with "Google Authenticator"
    And Dana presses "Next"
    And Dana types the code from "Google Authenticator"
    And Dana presses "Next"
    Then Dana sees "Success!"
    When Dana presses "Done"
    Then Dana sees "Stay signed in?"
    And "Google Authenticator" on Dana's phone lists her account

  @today @rule:18 @rule:19 @rule:35
  Scenario: Today, signing in with a code from another authenticator app
    Given Dana has set up "Google Authenticator" for MFA
    When Dana signs in to "https://www.office.com" with her password
    Then Dana's sign-in starts with "Enter code"
    When Dana types the code from "Google Authenticator"
    And Dana presses "Verify"
    Then Dana sees "Add a passkey"
    When Dana presses "Not now"
    Then Dana sees "Stay signed in?"
    And the sign-in log shows a "Success" for Dana with "Authenticator app code"

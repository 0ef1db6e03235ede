@section:today
Feature: Today: a passkey in Microsoft Authenticator
  A passkey lives in Microsoft Authenticator on the user's phone and is used by unlocking the
  phone: nothing to type, nothing to phish. Since September 2026 the service suggests one after
  a sign-in with a text or a call; it can also be added in Security info.

  Background:
    Given the tenant from "contoso-today"

  @today @rule:35
  Scenario: Today, adding a passkey when the service suggests one
    Given Dana has set up text messages for MFA
    When Dana signs in to "https://www.office.com" with her password
    And Dana verifies with the texted code
    Then Dana sees "Add a passkey"
    When Dana presses "Add a passkey"
    And Dana installs "Microsoft Authenticator" from the app store
    And Dana opens Microsoft Authenticator and accepts its terms
    And Dana scans the QR code with "Microsoft Authenticator"
    And Dana confirms with her phone's screen lock
    And Dana presses "Next"
    Then the page says "Passkey saved"
    When Dana presses "Next"
    Then Dana sees "Stay signed in?"
    And the administrator sees "Passkey (Microsoft Authenticator)" among Dana's methods

  @today @rule:10 @rule:19
  Scenario: Today, signing in with the passkey
    Given Dana has set up text messages for MFA
    And Dana signs in to "https://www.office.com" with her password
    And Dana verifies with the texted code
    And Dana presses "Add a passkey"
    And Dana installs "Microsoft Authenticator" from the app store
    And Dana opens Microsoft Authenticator and accepts its terms
    And Dana scans the QR code with "Microsoft Authenticator"
    And Dana confirms with her phone's screen lock
    And Dana presses "Next"
    And Dana presses "Next"
    And Dana presses "No"
    And Dana closes her browser
    When Dana signs in to "https://www.office.com" with her password
    And Dana follows "Sign in another way"
    Then the page offers "Use a passkey on my phone"
    When Dana chooses "Use a passkey on my phone"
    Then Microsoft Authenticator on Dana's phone asks for a passkey sign-in
    When Dana confirms with her phone's screen lock
    Then Dana sees "Stay signed in?"
    And the sign-in log shows a "Success" for Dana with "Passkey (Microsoft Authenticator)"

@section:today
Feature: Today: Microsoft Authenticator with number matching
  Microsoft Authenticator set up from the sign-in prompt on today's service. Every request the
  app shows asks for the two-digit number on the computer's screen, in the wizard's test as at
  each later sign-in, so a request the user did not start cannot be approved by reflex.

  Background:
    Given the tenant from "contoso-today"

  @today @rule:3 @rule:4 @rule:7 @rule:17 @rule:33
  Scenario: Today, setting up Microsoft Authenticator from the sign-in prompt
    Given the administrator enables MFA for Dana
    And Dana installs "Microsoft Authenticator" from the app store
    And Dana opens Microsoft Authenticator and accepts its terms
    When Dana signs in to "https://aka.ms/mfasetup" with her password
    Then Dana sees "More information required"
    When Dana presses "Next"
    Then Dana sees "Microsoft Authenticator: start by getting the app"
    When Dana presses "Next"
    Then Dana sees "Microsoft Authenticator: set up your account"
    When Dana presses "Next"
    Then Dana sees "Microsoft Authenticator: scan the QR code"
    When Dana scans the QR code with "Microsoft Authenticator"
    And Dana presses "Next"
    Then Dana sees "Microsoft Authenticator: let's try it out"
    And the page shows a number to type into the app
    And the request asks Dana for the number shown on screen
    When Dana approves the request in Microsoft Authenticator
    And Dana presses "Next"
    Then Dana sees "Success!"
    And the page says "Default sign-in method: Microsoft Authenticator notification"
    When Dana presses "Done"
    Then Dana sees "Stay signed in?"
    And Dana's MFA state is "enforced"

  @today @rule:17 @rule:19 @rule:33
  Scenario: Today, signing in by typing the number into Microsoft Authenticator
    Given Dana has set up Microsoft Authenticator for MFA
    When Dana signs in to "https://www.office.com" with her password
    Then Dana's sign-in starts with "Approve sign in request"
    And the page shows a number to type into the app
    And Microsoft Authenticator on Dana's phone shows a sign-in request
    And the request asks Dana for the number shown on screen
    When Dana approves the request in Microsoft Authenticator
    Then Dana sees "Add a passkey"
    When Dana presses "Not now"
    Then Dana sees "Stay signed in?"
    And the sign-in log shows a "Success" for Dana with "Microsoft Authenticator"

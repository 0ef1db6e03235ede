@section:today
Feature: Today: text messages
  The text-message setup as a user meets it on today's service: the "Keep your account secure"
  wizard opens with Microsoft Authenticator, and a phone is one link away. After the first
  texted code the service suggests a passkey, which the user may put off.

  Background:
    Given the tenant from "contoso-today"

  @today @rule:3 @rule:4 @rule:7 @rule:9 @rule:15 @rule:35
  Scenario: Today, setting up text messages from the sign-in prompt
    Given the administrator enables MFA for Dana
    When Dana signs in to "https://aka.ms/mfasetup" with her password
    Then Dana sees "More information required"
    When Dana presses "Next"
    Then Dana sees "Microsoft Authenticator: start by getting the app"
    When Dana follows "I want to set up a different method"
    And Dana chooses "Phone"
    And Dana presses "Confirm"
    Then Dana sees "Phone"
    When Dana chooses "Text me a code"
    And Dana types her mobile number into "Phone number"
    And Dana presses "Next"
    Then Dana's phone receives a text message with a 6-digit code
    When Dana types the code from her text message
    And Dana presses "Next"
    Then the page says "Your phone was registered"
    When Dana presses "Next"
    Then Dana sees "Success!"
    And the page shows no App Password
    When Dana presses "Done"
    Then Dana sees "Stay signed in?"
    And Dana's MFA state is "enforced"

  @today @rule:5 @rule:15 @rule:35
  Scenario: Today, signing in with a texted code, and putting off the passkey
    Given Dana has set up text messages for MFA
    When Dana signs in to "https://www.office.com" with her password
    Then Dana's sign-in starts with "We texted your phone"
    And Dana's phone receives a text message with a 6-digit code
    When Dana types the code from her text message
    And Dana presses "Verify"
    Then Dana sees "Add a passkey"
    When Dana presses "Not now"
    Then Dana sees "Stay signed in?"
    And the sign-in log shows a "Success" for Dana with "Text message"

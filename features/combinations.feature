@section:combo
Feature: Steps combined in orders the guide never shows
  The step vocabulary is not tied to the guide's order: these scenarios put existing steps
  together differently and need no new code.

  Background:
    Given the tenant from "contoso"

  @guide:ADD-03 @guide:SMS-09 @rule:16
  Scenario: Authenticator first, text messages added later, then signing in by call
    Given Dana has set up Microsoft Authenticator for MFA
    When Dana opens "https://mysignins.microsoft.com/security-info" in her browser
    And Dana signs in with her email address and password
    And Dana's sign-in starts with "Approve sign in request"
    And Dana verifies with Microsoft Authenticator
    And Dana presses "No"
    And Dana presses "Add sign-in method"
    # guide: ADD-03
    And Dana chooses "Phone"
    And Dana presses "Add"
    And Dana types her mobile number into "Phone number"
    And Dana chooses "Text me a code"
    And Dana presses "Next"
    And Dana verifies with the texted code
    Then the page says "Your phone was registered"
    When Dana presses "Done"
    And Dana closes her browser
    And Dana signs in to "https://www.office.com" with her password
    # guide: SMS-09
    And Dana follows "Sign in another way"
    And Dana chooses "Call"
    Then Dana's phone rings
    When Dana verifies with the phone call
    Then Dana sees "Stay signed in?"
    And the sign-in log shows a "Success" for Dana with "Phone call"

@section:today
Feature: Today: adding methods in Security info
  A second method is what gets a user in when the first one fails. Security info
  (https://mysignins.microsoft.com/security-info) asks for MFA before it opens, then lists the
  user's methods and adds, changes and deletes them.

  Background:
    Given the tenant from "contoso-today"

  @today @rule:10 @rule:13
  Scenario: Today, adding a phone for texts beside Microsoft Authenticator
    Given Dana has set up Microsoft Authenticator for MFA
    When Dana opens "https://mysignins.microsoft.com/security-info" in her browser
    And Dana signs in with her email address and password
    Then Dana's sign-in starts with "Approve sign in request"
    When Dana verifies with Microsoft Authenticator
    And Dana presses "Not now"
    And Dana presses "No"
    Then Dana sees "Security info"
    When Dana presses "Add sign-in method"
    And Dana chooses "Phone"
    And Dana presses "Add"
    And Dana types her mobile number into "Phone number"
    And Dana chooses "Text me a code"
    And Dana presses "Next"
    Then Dana's phone receives a text message with a 6-digit code
    When Dana types the code from her text message
    And Dana presses "Next"
    And Dana presses "Done"
    Then the administrator sees "Phone number" among Dana's methods

  @today @rule:14 @rule:19
  Scenario: Today, making Microsoft Authenticator the default method
    Given Dana has set up text messages for MFA
    And Dana has added Microsoft Authenticator in Security info
    When Dana makes "Microsoft Authenticator - notification" her default method
    And Dana closes her browser
    And Dana signs in to "https://www.office.com" with her password
    Then Dana's sign-in starts with "Approve sign in request"
    When Dana follows "Sign in another way"
    Then Dana sees "Verify your identity"
    And the page offers "Text"

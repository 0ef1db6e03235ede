@section:add
Feature: Adding more methods later in Security info
  After the first setup, Dana adds more ways to verify on the Security info page, so that she
  can choose another one when the first is not at hand.

  Background:
    Given the tenant from "contoso"
    And Dana has set up text messages for MFA

  @guide:ADD-01 @rule:10
  Scenario: Security info asks for verification before it opens
    When Dana opens "https://mysignins.microsoft.com/security-info" in her browser
    And Dana signs in with her email address and password
    Then Dana's sign-in starts with "We texted your phone"
    When Dana verifies with the texted code
    And Dana presses "No"
    Then Dana sees "Security info"
    And the page says "Phone - text +1 4255550123"

  @guide:ADD-02 @guide:ADD-03 @guide:ADD-04 @guide:SMS-04b @rule:11 @rule:13
  Scenario Outline: Adding an <method>
    Given Dana opens "https://mysignins.microsoft.com/security-info" in her browser
    And Dana signs in with her email address and password
    And Dana's sign-in starts with "We texted your phone"
    And Dana verifies with the texted code
    And Dana presses "No"
    # guide: ADD-02
    When Dana presses "Add sign-in method"
    Then Dana sees "Add a method"
    # guide: ADD-03
    When Dana chooses "<method>"
    And Dana presses "Add"
    Then Dana sees "<method>"
    # guide: ADD-04
    When Dana types the number of her desk phone into "Phone number"
    And Dana presses "Next"
    And Dana answers the desk phone and presses "#"
    Then the page says "Call answered"
    When Dana presses "Done"
    Then Dana sees "Security info"
    # guide: SMS-04b (a method added after the first setup)
    And the page says "<method> +1 4255550142"

    Examples:
      | method          |
      | Alternate phone |
      | Office phone    |

  @guide:SMS-04b @rule:19
  Scenario: Adding Microsoft Authenticator, then choosing it at sign-in
    Given Dana has added Microsoft Authenticator in Security info
    When Dana signs in to "https://www.office.com" with her password
    Then Dana's sign-in starts with "We texted your phone"
    When Dana follows "Sign in another way"
    Then Dana sees "Verify your identity"
    And the page offers "Text +1 XXXXXXXX23"
    And the page offers "Approve a request on my Microsoft Authenticator app"
    And the page offers "Use a verification code"

  @guide:SMS-04b @rule:14
  Scenario: Changing the default method and deleting one
    Given Dana has added Microsoft Authenticator in Security info
    When Dana opens "https://mysignins.microsoft.com/security-info" in her browser
    And Dana signs in with her email address and password
    And Dana's sign-in starts with "We texted your phone"
    And Dana verifies with the texted code
    And Dana presses "No"
    Then the page says "Default sign-in method: Phone - text +1 4255550123"
    When Dana follows "Change"
    And Dana chooses "Microsoft Authenticator - notification"
    And Dana presses "Confirm"
    Then the page says "Default sign-in method: Microsoft Authenticator - notification"
    When Dana chooses "Phone: +1 4255550123"
    And Dana presses "Delete"
    Then Dana sees "Delete method"
    And the page says "can't be undone"
    When Dana presses "Yes"
    Then the page says "Deleted"
    And the page does not offer "Phone: +1 4255550123"
    And the page says "Default sign-in method: Microsoft Authenticator - notification"

  @guide:SMS-04b @rule:14
  Scenario: Pressing "No" when asked to confirm keeps the method
    Given Dana opens "https://mysignins.microsoft.com/security-info" in her browser
    And Dana signs in with her email address and password
    And Dana's sign-in starts with "We texted your phone"
    And Dana verifies with the texted code
    And Dana presses "No"
    When Dana chooses "Phone: +1 4255550123"
    And Dana presses "Delete"
    Then Dana sees "Delete method"
    When Dana presses "No"
    Then Dana sees "Security info"
    And the page offers "Phone: +1 4255550123"

  @guide:ADD-03 @guide:ADD-04 @rule:13
  Scenario: An office phone takes an extension; the mobile phone does not
    Given Dana opens "https://mysignins.microsoft.com/security-info" in her browser
    And Dana signs in with her email address and password
    And Dana's sign-in starts with "We texted your phone"
    And Dana verifies with the texted code
    And Dana presses "No"
    # guide: ADD-03
    When Dana presses "Add sign-in method"
    And Dana chooses "Office phone"
    And Dana presses "Add"
    Then Dana sees "Office phone"
    # guide: ADD-04
    When Dana types the number of her desk phone into "Phone number"
    And Dana types "321" into "Extension"
    And Dana presses "Next"
    And Dana answers the desk phone and presses "#"
    And Dana presses "Done"
    Then the page says "Office phone +1 4255550142x321"
    When Dana presses "Add sign-in method"
    And Dana chooses "Alternate phone"
    And Dana presses "Add"
    Then Dana sees "Alternate phone"
    And the page does not offer "Extension"

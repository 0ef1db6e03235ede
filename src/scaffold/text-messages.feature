@section:txt
Feature: Setting up sign-in with text messages
  The help desk turns on MFA for Alex, who registers a mobile phone for codes by text and
  then signs in with one. Each scenario is tagged with the guide step it shows.

  Background:
    Given the tenant from "{tenant}"

  @guide:TXT-01
  Scenario: Signing in at the setup page asks for more information
    Given the administrator enables MFA for Alex
    When Alex opens "https://aka.ms/mfasetup" in his browser
    And Alex signs in with his email address and password
    Then Alex sees "More information required"

  @guide:TXT-02 @guide:TXT-03
  Scenario: Registering the phone, then signing in with a texted code
    # A scenario that shows several guide steps says which lines serve which.
    # guide: TXT-02
    Given the administrator enables MFA for Alex
    And Alex has set up text messages for MFA
    Then Alex's MFA state is "enforced"
    # guide: TXT-03
    When Alex signs in to "https://www.office.com" with his password
    And Alex verifies with the texted code
    # Since September 2026 the service suggests a passkey to people who use texts.
    Then Alex sees "Add a passkey"
    When Alex presses "Not now"
    Then Alex sees "Stay signed in?"
    When Alex presses "No"
    Then Alex is signed in to Office

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// A Chainlink AggregatorV3Interface stand-in for the devnet, so fiat values are read from the chain the same
/// way as on mainnet. The deployer sets the answer; updatedAt is the block time of that update, or a time the
/// deployer chooses (to test a stale price).
contract MockPriceFeed {
    uint8 public immutable decimals;
    string public description;
    uint256 public constant version = 4;
    address public immutable owner;

    int256 private answer;
    uint256 private updatedAt;
    uint80 private roundId;

    event AnswerUpdated(int256 indexed current, uint256 indexed roundId, uint256 updatedAt);

    constructor(uint8 decimals_, string memory description_, int256 answer_) {
        decimals = decimals_;
        description = description_;
        owner = msg.sender;
        _set(answer_, block.timestamp);
    }

    function setAnswer(int256 answer_) external {
        _set(answer_, block.timestamp);
    }

    function setAnswerAt(int256 answer_, uint256 updatedAt_) external {
        _set(answer_, updatedAt_);
    }

    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80) {
        return (roundId, answer, updatedAt, updatedAt, roundId);
    }

    function getRoundData(uint80 id) external view returns (uint80, int256, uint256, uint256, uint80) {
        require(id == roundId, "MockPriceFeed: only the latest round is kept");
        return (roundId, answer, updatedAt, updatedAt, roundId);
    }

    function _set(int256 answer_, uint256 updatedAt_) private {
        require(msg.sender == owner, "MockPriceFeed: not the owner");
        answer = answer_;
        updatedAt = updatedAt_;
        roundId += 1;
        emit AnswerUpdated(answer_, roundId, updatedAt_);
    }
}

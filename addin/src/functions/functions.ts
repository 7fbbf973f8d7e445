/**
 * The custom-functions entry (dist/functions.js). Each `*Functions.ts` file
 * beside this one declares a family of TIER.* functions; webpack.config.js
 * hands the same files to the metadata plugin, which appends their
 * `CustomFunctions.associate` calls, so importing them registers them.
 */
import "./segmentationFunctions";
import "./forecastingFunctions";
import "./inventoryFunctions";
import "./inventoryPolicyFunctions";
import "./costFunctions";
import "./serviceFunctions";
